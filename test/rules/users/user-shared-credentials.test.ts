import { userSharedCredentials } from '../../../src/rules/users/user-shared-credentials.js';
import type { AccessKeyColumns, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

function run(rows: CredentialReportRow[], options: object = {}) {
  return runRule(userSharedCredentials, credentialReportSnapshot(rows), options);
}

function usedAt(lastUsedDate: string, active = true): AccessKeyColumns {
  return { ...activeKey(300), lastUsedDate, active };
}

describe('user-shared-credentials', () => {
  describe('generic-name signal (console users only)', () => {
    test.each<{ name: string; generic: boolean }>([
      { name: 'admin', generic: true },
      { name: 'Admin', generic: true },
      { name: 'ADMINISTRATOR', generic: true },
      { name: 'shared-ops', generic: true },
      { name: 'OPS_TEAM', generic: true },
      { name: 'test.user', generic: true },
      { name: 'admin@example.com', generic: true },
      { name: 'alice.admin', generic: false },
      { name: 'deploy-alice', generic: false },
      { name: 'alice', generic: false },
      { name: 'administrators-team-alice', generic: false },
      { name: '1234', generic: false },
      { name: 'user', generic: true },
      // A number tells the members of a series apart: one identity each, not a shared one.
      { name: 'user-00042', generic: false },
      { name: 'dev-7', generic: false },
      { name: 'test01', generic: false },
      { name: 'admin2', generic: false },
      { name: 'ops2024', generic: false },
      { name: 'tmp1@example.com', generic: false },
      // ...unless a word of it says outright that it is shared.
      { name: 'shared-2', generic: true },
      { name: 'team1', generic: true },
      { name: 'OPS_TEAM_3', generic: true },
      { name: 'common-dev-01', generic: true },
      { name: 'shared-alice-2', generic: false },
    ])('$name generic: $generic', ({ name, generic }) => {
      const findings = run([userRow(name, { passwordEnabled: true })]);
      expect(findings.map((f) => [f.resource, f.message, f.evidence])).toEqual(
        generic
          ? [
              [
                `arn:aws:iam::${ACCOUNT}:user/${name}`,
                `${name} looks shared: a console user with a generic name.`,
                { signals: [{ signal: 'generic-name', name }] },
              ],
            ]
          : [],
      );
    });

    test('a generic name without a console password is a workload, not a shared login', () => {
      expect(run([userRow('deploy')])).toEqual([]);
    });

    test('a synthetic account of numbered console users has no generic name', () => {
      const rows = Array.from({ length: 50 }, (_, i) =>
        userRow(`user-${String(i).padStart(5, '0')}`, { passwordEnabled: true }),
      );
      expect(run(rows)).toEqual([]);
    });

    test('configured sharing words decide which numbered names stay generic', () => {
      const rows = [
        userRow('ops-1', { passwordEnabled: true }),
        userRow('shared-1', { passwordEnabled: true }),
      ];
      expect(run(rows, { sharingWords: ['ops'] }).map((f) => f.resource)).toEqual([
        `arn:aws:iam::${ACCOUNT}:user/ops-1`,
      ]);
    });

    test('a configured list replaces the default and matches whole names with separators', () => {
      const rows = [
        userRow('Build-Bot', { passwordEnabled: true }),
        userRow('admin', { passwordEnabled: true }),
        userRow('build', { passwordEnabled: true }),
      ];
      expect(run(rows, { genericNames: ['build-bot'] }).map((f) => f.resource)).toEqual([
        `arn:aws:iam::${ACCOUNT}:user/Build-Bot`,
      ]);
    });
  });

  describe('two-recently-used-keys signal', () => {
    test.each<{
      name: string;
      keys: [AccessKeyColumns, AccessKeyColumns];
      options: object;
      reported: boolean;
    }>([
      {
        name: 'both used exactly 30 days ago',
        keys: [usedAt(daysAgo(30)), usedAt(daysAgo(30))],
        options: {},
        reported: true,
      },
      {
        name: 'one used 30 days and 1 second ago',
        keys: [usedAt(daysAgo(1)), usedAt(daysAndSecondsAgo(30, 1))],
        options: {},
        reported: false,
      },
      {
        name: 'one of them never used',
        keys: [usedAt(daysAgo(1)), activeKey(10)],
        options: {},
        reported: false,
      },
      {
        name: 'one of them inactive',
        keys: [usedAt(daysAgo(1)), usedAt(daysAgo(1), false)],
        options: {},
        reported: false,
      },
      {
        name: 'custom 7 days: exactly 7 days ago',
        keys: [usedAt(daysAgo(7)), usedAt(daysAgo(2))],
        options: { recentDays: 7 },
        reported: true,
      },
      {
        name: 'custom 7 days: 7 days and 1 second ago',
        keys: [usedAt(daysAndSecondsAgo(7, 1)), usedAt(daysAgo(2))],
        options: { recentDays: 7 },
        reported: false,
      },
    ])('$name', ({ keys, options, reported }) => {
      const findings = run([userRow('ci-pipeline', { accessKeys: keys })], options);
      expect(findings).toHaveLength(reported ? 1 : 0);
      if (reported) {
        expect(findings[0]!.resource).toBe(`arn:aws:iam::${ACCOUNT}:user/ci-pipeline`);
        expect(findings[0]!.evidence).toEqual({
          signals: [
            {
              signal: 'two-recently-used-keys',
              keys: [
                { slot: 1, lastUsedDate: keys[0].lastUsedDate },
                { slot: 2, lastUsedDate: keys[1].lastUsedDate },
              ],
            },
          ],
        });
      }
    });

    test('message names both uses and the window', () => {
      const [finding] = run([
        userRow('ci-pipeline', { accessKeys: [usedAt(daysAgo(1)), usedAt(daysAgo(3))] }),
      ]);
      expect(finding!.message).toBe(
        'ci-pipeline looks shared: both active access keys used within 30 days ' +
          '(key 1 on 2026-06-14 (yesterday), key 2 on 2026-06-12 (3 days ago)).',
      );
    });
  });

  test('both signals on one user give one finding listing both', () => {
    const [finding, ...rest] = run([
      userRow('admin', { passwordEnabled: true, accessKeys: [usedAt(daysAgo(1)), usedAt(daysAgo(1))] }),
    ]);
    expect(rest).toEqual([]);
    expect(
      (finding!.evidence as { signals: Array<{ signal: string }> }).signals.map((s) => s.signal),
    ).toEqual(['generic-name', 'two-recently-used-keys']);
    expect(finding!.message).toMatch(
      /^admin looks shared: a console user with a generic name; both active access keys/,
    );
  });

  test('root is never judged here', () => {
    expect(
      run([rootRow({ passwordEnabled: true, accessKeys: [usedAt(daysAgo(1)), usedAt(daysAgo(1))] })]),
    ).toEqual([]);
  });
});
