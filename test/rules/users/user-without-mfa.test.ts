import { userWithoutMfa } from '../../../src/rules/users/user-without-mfa.js';
import type { CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  noKey,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

describe('user-without-mfa', () => {
  test.each<{ name: string; row: CredentialReportRow; message: string | null }>([
    {
      name: 'console user without MFA',
      row: userRow('alice', { passwordEnabled: true }),
      message: 'alice has no MFA device (console password: yes, 0 active access keys).',
    },
    {
      name: 'key-only user without MFA',
      row: userRow('ci', { accessKeys: [activeKey(5, 1), noKey()] }),
      message: 'ci has no MFA device (console password: no, 1 active access key).',
    },
    {
      name: 'user without any credential',
      row: userRow('idle'),
      message: 'idle has no MFA device (console password: no, 0 active access keys).',
    },
    { name: 'user with MFA', row: userRow('bob', { passwordEnabled: true, mfaActive: true }), message: null },
    { name: 'root is not an IAM user', row: rootRow({ mfaActive: false }), message: null },
  ])('$name', ({ row, message }) => {
    const findings = runRule(userWithoutMfa, credentialReportSnapshot([row]));
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/${row.user}`, message]],
    );
  });
});
