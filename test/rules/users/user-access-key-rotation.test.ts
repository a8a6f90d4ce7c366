import { userAccessKeyRotation } from '../../../src/rules/users/user-access-key-rotation.js';
import type { AccessKeyColumns } from '../../../src/snapshot/schema.js';
import { judge, runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  futureDateReason,
  noKey,
  secondsAfterNow,
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

describe('user-access-key-rotation with a creation date after the collection time', () => {
  const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
  test.each<{ name: string; keys: [AccessKeyColumns, AccessKeyColumns]; notEvaluated: string[] }>([
    {
      name: '15 minutes late: clock drift, judged as a new key',
      keys: [createdAt(secondsAfterNow(15 * 60)), noKey()],
      notEvaluated: [],
    },
    {
      name: '15 minutes and 1 second late: not evaluated, never "created today"',
      keys: [createdAt(secondsAfterNow(15 * 60 + 1)), noKey()],
      notEvaluated: [futureDateReason('access_key_1_last_rotated of alice', '2026-06-15 12:15')],
    },
    {
      name: 'a year late in slot 2, slot 1 judged as usual',
      keys: [createdAt(daysAgo(10)), createdAt(secondsAfterNow(365 * 86_400))],
      notEvaluated: [futureDateReason('access_key_2_last_rotated of alice', '2027-06-15 12:00')],
    },
  ])('$name', ({ keys, notEvaluated }) => {
    const result = judge(
      userAccessKeyRotation,
      credentialReportSnapshot([userRow('alice', { accessKeys: keys })]),
    );
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual(notEvaluated.map((reason) => ({ resource: alice, reason })));
  });
});
