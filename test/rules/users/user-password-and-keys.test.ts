import { userPasswordAndKeys } from '../../../src/rules/users/user-password-and-keys.js';
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

describe('user-password-and-keys', () => {
  test.each<{ name: string; row: CredentialReportRow; message: string | null }>([
    {
      name: 'password and one active key',
      row: userRow('alice', { passwordEnabled: true, accessKeys: [noKey(), activeKey(5, 1)] }),
      message: 'alice has a console password and active access key 2.',
    },
    {
      name: 'password and two active keys',
      row: userRow('alice', { passwordEnabled: true, accessKeys: [activeKey(5, 1), activeKey(5, 1)] }),
      message: 'alice has a console password and active access keys 1 and 2.',
    },
    {
      name: 'password and an inactive key',
      row: userRow('alice', {
        passwordEnabled: true,
        accessKeys: [{ ...activeKey(5, 1), active: false }, noKey()],
      }),
      message: null,
    },
    { name: 'password only', row: userRow('alice', { passwordEnabled: true }), message: null },
    { name: 'keys only', row: userRow('alice', { accessKeys: [activeKey(5, 1), noKey()] }), message: null },
    {
      name: 'root is not an IAM user',
      row: rootRow({ passwordEnabled: true, accessKeys: [activeKey(5, 1), noKey()] }),
      message: null,
    },
  ])('$name', ({ row, message }) => {
    const findings = runRule(userPasswordAndKeys, credentialReportSnapshot([row]));
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/alice`, message]],
    );
  });
});
