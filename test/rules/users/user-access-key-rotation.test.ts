import { userAccessKeyRotation } from '../../../src/rules/users/user-access-key-rotation.js';
import type { AccessKeyColumns } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  noKey,
  userRow,
} from '../../builders/snapshot.js';

function createdAt(lastRotated: string, active = true): AccessKeyColumns {
  return { ...activeKey(0, 1), lastRotated, active };
}

describe('user-access-key-rotation', () => {
  test.each<{
    name: string;
    keys: [AccessKeyColumns, AccessKeyColumns];
    options: object;
    expected: Array<[string, string]>;
  }>([
    { name: 'exactly 90 days old', keys: [createdAt(daysAgo(90)), noKey()], options: {}, expected: [] },
    {
      name: '90 days and 1 second old',
      keys: [createdAt(daysAndSecondsAgo(90, 1)), noKey()],
      options: {},
      expected: [['key1', 'Access key 1 of alice is 91 days old, created 2026-03-17 (allowed: 90).']],
    },
    {
      name: 'both keys old: one finding each',
      keys: [createdAt(daysAgo(400)), createdAt(daysAgo(200))],
      options: {},
      expected: [
        ['key1', 'Access key 1 of alice is 400 days old, created 2025-05-11 (allowed: 90).'],
        ['key2', 'Access key 2 of alice is 200 days old, created 2025-11-27 (allowed: 90).'],
      ],
    },
    { name: 'old but inactive', keys: [createdAt(daysAgo(400), false), noKey()], options: {}, expected: [] },
    {
      name: 'custom 365: exactly 365 days',
      keys: [noKey(), createdAt(daysAgo(365))],
      options: { maxAgeDays: 365 },
      expected: [],
    },
    {
      name: 'custom 365: 365 days and 1 second',
      keys: [noKey(), createdAt(daysAndSecondsAgo(365, 1))],
      options: { maxAgeDays: 365 },
      expected: [['key2', 'Access key 2 of alice is 366 days old, created 2025-06-15 (allowed: 365).']],
    },
  ])('$name', ({ keys, options, expected }) => {
    const findings = runRule(
      userAccessKeyRotation,
      credentialReportSnapshot([userRow('alice', { accessKeys: keys })]),
      options,
    );
    expect(findings.map((f) => [f.discriminator, f.message])).toEqual(expected);
    for (const finding of findings) expect(finding.resource).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});
