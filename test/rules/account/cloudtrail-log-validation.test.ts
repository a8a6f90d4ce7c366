import { cloudtrailLogValidation } from '../../../src/rules/account/cloudtrail-log-validation.js';
import type { Trail } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';
import { trail } from '../../builders/trails.js';

describe('cloudtrail-log-validation', () => {
  test.each<{ name: string; trails: Trail[]; flagged: string[] }>([
    { name: 'no trail', trails: [], flagged: [] },
    { name: 'a trail with validation', trails: [trail()], flagged: [] },
    {
      name: 'a trail without validation',
      trails: [trail({ logFileValidation: false })],
      flagged: ['management-events'],
    },
    {
      name: 'only the trail without validation',
      trails: [trail({ name: 'validated' }), trail({ name: 'plain', logFileValidation: false })],
      flagged: ['plain'],
    },
  ])('$name', ({ trails, flagged }) => {
    const findings = runRule(cloudtrailLogValidation, withSection(emptySnapshot(), 'cloudTrails', trails));
    expect(findings.map((finding) => finding.resource)).toEqual(
      trails.filter((candidate) => flagged.includes(candidate.name)).map((candidate) => candidate.arn),
    );
  });

  test('the message names the trail and what validation gives', () => {
    const [finding] = runRule(
      cloudtrailLogValidation,
      withSection(emptySnapshot(), 'cloudTrails', [trail({ name: 'plain', logFileValidation: false })]),
    );
    expect(finding?.message).toBe(
      'CloudTrail trail plain does not validate its log files: a log file changed or deleted after delivery goes unnoticed.',
    );
  });
});
