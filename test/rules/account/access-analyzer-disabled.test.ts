import { accessAnalyzerDisabled } from '../../../src/rules/account/access-analyzer-disabled.js';
import type { AccessAnalyzerRegion, Region } from '../../../src/snapshot/schema.js';
import { analyzerRegion, region } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

function snapshotOf(regions: Region[], analyzers: AccessAnalyzerRegion[]) {
  return withSection(withSection(emptySnapshot(), 'regions', regions), 'accessAnalyzers', analyzers);
}

function analyzer(name: string, type: string, status: string | null) {
  return { name, arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/${name}`, type, status };
}

describe('access-analyzer-disabled', () => {
  test.each<{ name: string; analyzers: AccessAnalyzerRegion['analyzers']; problem: string | null }>([
    { name: 'an active account analyzer', analyzers: analyzerRegion('eu-west-1').analyzers, problem: null },
    {
      name: 'an active organization analyzer (in the delegated administrator)',
      analyzers: [analyzer('org', 'ORGANIZATION', 'ACTIVE')],
      problem: null,
    },
    { name: 'no analyzer', analyzers: [], problem: 'has no IAM Access Analyzer' },
    {
      name: 'only an unused-access analyzer',
      analyzers: [analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')],
      problem: 'has only ACCOUNT_UNUSED_ACCESS analyzers, none for external access',
    },
    {
      name: 'an external-access analyzer that failed, and one being created',
      analyzers: [analyzer('broken', 'ACCOUNT', 'FAILED'), analyzer('new', 'ACCOUNT', 'CREATING')],
      problem: 'has no active external-access analyzer (broken is FAILED and new is CREATING)',
    },
  ])('eu-west-1 with $name', ({ analyzers, problem }) => {
    const findings = runRule(
      accessAnalyzerDisabled,
      snapshotOf(
        [region('eu-west-1'), region('us-east-1')],
        [{ region: 'eu-west-1', analyzers }, analyzerRegion('us-east-1')],
      ),
    );
    expect(findings).toEqual(
      problem === null
        ? []
        : [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              discriminator: 'eu-west-1',
              message: `Region eu-west-1 ${problem}: resources shared outside the account there go unreported.`,
              evidence: { region: 'eu-west-1', analyzers },
            },
          ],
    );
  });

  test('a region the account has not enabled is not checked', () => {
    const findings = runRule(
      accessAnalyzerDisabled,
      snapshotOf([region('af-south-1', false), region('us-east-1')], [analyzerRegion('us-east-1')]),
    );
    expect(findings).toEqual([]);
  });

  test('one finding per enabled region without an analyzer, in region order', () => {
    const findings = runRule(
      accessAnalyzerDisabled,
      snapshotOf(
        [region('ap-south-1'), region('eu-west-1'), region('us-east-1')],
        [
          { region: 'ap-south-1', analyzers: [] },
          analyzerRegion('eu-west-1'),
          { region: 'us-east-1', analyzers: [] },
        ],
      ),
    );
    expect(findings.map((finding) => finding.discriminator)).toEqual(['ap-south-1', 'us-east-1']);
  });

  test('an enabled region missing from the data is an error, never a pass', () => {
    expect(() =>
      runRule(
        accessAnalyzerDisabled,
        snapshotOf([region('eu-west-1'), region('us-east-1')], [analyzerRegion('us-east-1')]),
      ),
    ).toThrow('accessAnalyzers holds no data for enabled region eu-west-1');
  });
});
