import { userConsoleWithoutMfa } from '../../../src/rules/users/user-console-without-mfa.js';
import type { CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

describe('user-console-without-mfa', () => {
  test.each<{ name: string; row: CredentialReportRow; message: string | null }>([
    {
      name: 'console password without MFA',
      row: userRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(3) }),
      message:
        'alice can sign in to the console with a password but has no MFA device; the password was last used 2026-06-12 (3 days ago).',
    },
    {
      name: 'console password never used, without MFA',
      row: userRow('alice', { passwordEnabled: true }),
      message:
        'alice can sign in to the console with a password but has no MFA device; the password has no recorded use.',
    },
    {
      name: 'console password with MFA',
      row: userRow('bob', { passwordEnabled: true, mfaActive: true }),
      message: null,
    },
    {
      name: 'key-only user without MFA',
      row: userRow('ci', { accessKeys: [activeKey(5, 1), activeKey(5, 1)] }),
      message: null,
    },
    {
      name: 'root without MFA is left to root-mfa',
      row: rootRow({ passwordEnabled: true, mfaActive: false }),
      message: null,
    },
  ])('$name', ({ row, message }) => {
    const findings = runRule(userConsoleWithoutMfa, credentialReportSnapshot([row]));
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/${row.user}`, message]],
    );
  });
});
