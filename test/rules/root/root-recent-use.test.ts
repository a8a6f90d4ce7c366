import { rootRecentUse } from '../../../src/rules/root/root-recent-use.js';
import type { AccessKeyColumns, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  noKey,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

function keyUsedAt(lastUsedDate: string, active = true): AccessKeyColumns {
  return { ...activeKey(700), active, lastUsedDate };
}

describe('root-recent-use', () => {
  test.each<{ name: string; root: CredentialReportRow; options: object; message: string | null }>([
    {
      name: 'password used 500 days ago',
      root: rootRow({ passwordLastUsed: daysAgo(500) }),
      options: {},
      message: null,
    },
    {
      name: 'password used exactly 90 days ago: inside the window',
      root: rootRow({ passwordLastUsed: daysAgo(90) }),
      options: {},
      message: 'Root user was used within the last 90 days: password on 2026-03-17 (90 days ago).',
    },
    {
      name: 'password used 90 days and 1 second ago: outside the window',
      root: rootRow({ passwordLastUsed: daysAndSecondsAgo(90, 1) }),
      options: {},
      message: null,
    },
    {
      name: 'custom window: exactly 30 days is inside',
      root: rootRow({ passwordLastUsed: daysAgo(30) }),
      options: { windowDays: 30 },
      message: 'Root user was used within the last 30 days: password on 2026-05-16 (30 days ago).',
    },
    {
      name: 'custom window: 30 days and 1 second is outside',
      root: rootRow({ passwordLastUsed: daysAndSecondsAgo(30, 1) }),
      options: { windowDays: 30 },
      message: null,
    },
    {
      name: 'password never used (no_information)',
      root: rootRow({ passwordLastUsed: null }),
      options: {},
      message: null,
    },
    {
      name: 'access key 2 used recently',
      root: rootRow({ accessKeys: [noKey(), keyUsedAt(daysAgo(3))] }),
      options: {},
      message: 'Root user was used within the last 90 days: access key 2 on 2026-06-12 (3 days ago).',
    },
    {
      name: 'a key used recently and deactivated since still counts as use',
      root: rootRow({ accessKeys: [keyUsedAt(daysAgo(5), false), noKey()] }),
      options: {},
      message: 'Root user was used within the last 90 days: access key 1 on 2026-06-10 (5 days ago).',
    },
    {
      name: 'password and both keys',
      root: rootRow({
        passwordLastUsed: daysAgo(1),
        accessKeys: [keyUsedAt(daysAgo(2)), keyUsedAt(daysAgo(4))],
      }),
      options: {},
      message:
        'Root user was used within the last 90 days: password on 2026-06-14 (yesterday), ' +
        'access key 1 on 2026-06-13 (2 days ago) and access key 2 on 2026-06-11 (4 days ago).',
    },
  ])('$name', ({ root, options, message }) => {
    // alice's recent sign-in shows that only the root row is judged.
    const snapshot = credentialReportSnapshot([root, userRow('alice', { passwordLastUsed: daysAgo(1) })]);
    const findings = runRule(rootRecentUse, snapshot, options);
    if (message === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(findings[0]!.message).toBe(message);
  });

  test('a report without a root row makes the rule error, not pass', () => {
    const snapshot = credentialReportSnapshot([userRow('alice')]);
    expect(() => runRule(rootRecentUse, snapshot)).toThrow(/no root row/);
  });

  test('rejects a window that is not a positive whole number of days', () => {
    const snapshot = credentialReportSnapshot([rootRow()]);
    expect(() => runRule(rootRecentUse, snapshot, { windowDays: 0 })).toThrow();
  });
});
