import { userUnusedAccessKey } from '../../../src/rules/users/user-unused-access-key.js';
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

function usedAt(lastUsedDate: string): AccessKeyColumns {
  return { ...activeKey(300), lastUsedDate };
}

function createdAt(lastRotated: string): AccessKeyColumns {
  return { ...activeKey(0), lastRotated };
}

describe('user-unused-access-key', () => {
  test.each<{
    name: string;
    keys: [AccessKeyColumns, AccessKeyColumns];
    options: object;
    expected: Array<[string, string]>;
  }>([
    {
      name: 'key 1 used exactly 45 days ago',
      keys: [usedAt(daysAgo(45)), noKey()],
      options: {},
      expected: [],
    },
    {
      name: 'key 1 used 45 days and 1 second ago',
      keys: [usedAt(daysAndSecondsAgo(45, 1)), noKey()],
      options: {},
      expected: [['key1', 'Access key 1 of alice unused for 46 days, last used 2026-05-01 (allowed: 45).']],
    },
    {
      name: 'key 2 never used, created exactly 45 days ago',
      keys: [noKey(), createdAt(daysAgo(45))],
      options: {},
      expected: [],
    },
    {
      name: 'key 2 never used, created 45 days and 1 second ago',
      keys: [noKey(), createdAt(daysAndSecondsAgo(45, 1))],
      options: {},
      expected: [
        [
          'key2',
          'Access key 2 of alice has no recorded use in the 46 days since the key was created on 2026-05-01 (allowed: 45).',
        ],
      ],
    },
    {
      name: 'both keys idle: one finding per key',
      keys: [usedAt(daysAgo(100)), createdAt(daysAgo(200))],
      options: {},
      expected: [
        ['key1', 'Access key 1 of alice unused for 100 days, last used 2026-03-07 (allowed: 45).'],
        [
          'key2',
          'Access key 2 of alice has no recorded use in the 200 days since the key was created on 2025-11-27 (allowed: 45).',
        ],
      ],
    },
    {
      name: 'an inactive idle key is not reported',
      keys: [{ ...usedAt(daysAgo(400)), active: false }, noKey()],
      options: {},
      expected: [],
    },
    {
      name: 'custom 10: exactly 10 days',
      keys: [usedAt(daysAgo(10)), noKey()],
      options: { maxUnusedDays: 10 },
      expected: [],
    },
    {
      name: 'custom 10: 10 days and 1 second',
      keys: [usedAt(daysAndSecondsAgo(10, 1)), noKey()],
      options: { maxUnusedDays: 10 },
      expected: [['key1', 'Access key 1 of alice unused for 11 days, last used 2026-06-05 (allowed: 10).']],
    },
  ])('$name', ({ keys, options, expected }) => {
    const snapshot = credentialReportSnapshot([userRow('alice', { accessKeys: keys })]);
    const findings = runRule(userUnusedAccessKey, snapshot, options);
    expect(findings.map((f) => [f.discriminator, f.message])).toEqual(expected);
    for (const finding of findings) expect(finding.resource).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  test('evidence names the slot and the start of the idle time', () => {
    const snapshot = credentialReportSnapshot([
      userRow('alice', { accessKeys: [noKey(), createdAt(daysAgo(60))] }),
    ]);
    expect(runRule(userUnusedAccessKey, snapshot)[0]!.evidence).toEqual({
      slot: 2,
      unusedDays: 60,
      countedFrom: 'key created',
      since: daysAgo(60),
      maxUnusedDays: 45,
    });
  });
});

describe('user-unused-access-key with a date after the collection time', () => {
  test.each<{ name: string; keys: [AccessKeyColumns, AccessKeyColumns]; reason: string | null }>([
    {
      name: 'key 1 used 15 minutes late: clock drift, judged as used now',
      keys: [usedAt(secondsAfterNow(15 * 60)), noKey()],
      reason: null,
    },
    {
      name: 'key 1 used 15 minutes and 1 second late: not evaluated, never "used today"',
      keys: [usedAt(secondsAfterNow(15 * 60 + 1)), noKey()],
      reason: futureDateReason('access_key_1_last_used_date of alice', '2026-06-15 12:15'),
    },
    {
      name: 'key 2 never used, created a day late',
      keys: [noKey(), createdAt(secondsAfterNow(86_400))],
      reason: futureDateReason('access_key_2_last_rotated of alice', '2026-06-16 12:00'),
    },
  ])('$name', ({ keys, reason }) => {
    const snapshot = credentialReportSnapshot([userRow('alice', { accessKeys: keys })]);
    const result = judge(userUnusedAccessKey, snapshot);
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual(
      reason === null ? [] : [{ resource: `arn:aws:iam::${ACCOUNT}:user/alice`, reason }],
    );
  });
});
