import { userUnusedPassword } from '../../../src/rules/users/user-unused-password.js';
import type { CredentialReportRow } from '../../../src/snapshot/schema.js';
import { judge, runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  futureDateReason,
  rootRow,
  secondsAfterNow,
  userRow,
} from '../../builders/snapshot.js';

function consoleUser(overrides: Partial<CredentialReportRow>): CredentialReportRow {
  return userRow('alice', { passwordEnabled: true, passwordLastChanged: daysAgo(300), ...overrides });
}

describe('user-unused-password', () => {
  test.each<{ name: string; row: CredentialReportRow; options: object; message: string | null }>([
    {
      name: 'used exactly 45 days ago',
      row: consoleUser({ passwordLastUsed: daysAgo(45) }),
      options: {},
      message: null,
    },
    {
      name: 'used 45 days and 1 second ago',
      row: consoleUser({ passwordLastUsed: daysAndSecondsAgo(45, 1) }),
      options: {},
      message: 'Console password of alice unused for 46 days, last used 2026-05-01 (allowed: 45).',
    },
    {
      name: 'used 61 days ago',
      row: consoleUser({ passwordLastUsed: daysAgo(61) }),
      options: {},
      message: 'Console password of alice unused for 61 days, last used 2026-04-15 (allowed: 45).',
    },
    {
      name: 'never used, set exactly 45 days ago',
      row: consoleUser({ passwordLastChanged: daysAgo(45) }),
      options: {},
      message: null,
    },
    {
      name: 'never used, set 45 days and 1 second ago',
      row: consoleUser({ passwordLastChanged: daysAndSecondsAgo(45, 1) }),
      options: {},
      message:
        'Console password of alice has no recorded use in the 46 days since the password was set on 2026-05-01 (allowed: 45).',
    },
    {
      name: 'never used, no change date: counted from the user’s creation',
      row: consoleUser({ passwordLastChanged: null, userCreationTime: daysAgo(50) }),
      options: {},
      message:
        'Console password of alice has no recorded use in the 50 days since the user was created on 2026-04-26 (allowed: 45).',
    },
    {
      name: 'no console password',
      row: userRow('alice', { passwordEnabled: false, passwordLastUsed: daysAgo(400) }),
      options: {},
      message: null,
    },
    {
      name: 'custom 90: exactly 90 days',
      row: consoleUser({ passwordLastUsed: daysAgo(90) }),
      options: { maxUnusedDays: 90 },
      message: null,
    },
    {
      name: 'custom 90: 90 days and 1 second',
      row: consoleUser({ passwordLastUsed: daysAndSecondsAgo(90, 1) }),
      options: { maxUnusedDays: 90 },
      message: 'Console password of alice unused for 91 days, last used 2026-03-17 (allowed: 90).',
    },
  ])('$name', ({ row, options, message }) => {
    const findings = runRule(userUnusedPassword, credentialReportSnapshot([row]), options);
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/alice`, message]],
    );
  });

  test('evidence says where the idle time was counted from', () => {
    const [finding] = runRule(userUnusedPassword, credentialReportSnapshot([consoleUser({})]));
    expect(finding!.evidence).toEqual({
      unusedDays: 300,
      countedFrom: 'password set',
      since: daysAgo(300),
      maxUnusedDays: 45,
    });
  });

  test('root’s password is not judged here', () => {
    const snapshot = credentialReportSnapshot([
      rootRow({ passwordEnabled: true, passwordLastUsed: daysAgo(900) }),
    ]);
    expect(runRule(userUnusedPassword, snapshot)).toEqual([]);
  });
});

describe('user-unused-password with a date after the collection time', () => {
  test.each<{ name: string; row: CredentialReportRow; reason: string | null }>([
    {
      name: 'last used 15 minutes late: clock drift, judged as used now',
      row: consoleUser({ passwordLastUsed: secondsAfterNow(15 * 60) }),
      reason: null,
    },
    {
      name: 'last used 15 minutes and 1 second late: not evaluated, never "used today"',
      row: consoleUser({ passwordLastUsed: secondsAfterNow(15 * 60 + 1) }),
      reason: futureDateReason('password_last_used of alice', '2026-06-15 12:15'),
    },
    {
      name: 'never used, set a month late',
      row: consoleUser({ passwordLastChanged: secondsAfterNow(30 * 86_400) }),
      reason: futureDateReason('password_last_changed of alice', '2026-07-15 12:00'),
    },
  ])('$name', ({ row, reason }) => {
    const result = judge(userUnusedPassword, credentialReportSnapshot([row]));
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual(
      reason === null ? [] : [{ resource: `arn:aws:iam::${ACCOUNT}:user/alice`, reason }],
    );
  });
});
