import { userAdminWithoutMfa } from '../../../src/rules/policy/user-admin-without-mfa.js';
import { loadDemoSnapshot } from '../../../src/snapshot/demo.js';
import type { CredentialReportRow, UserDetail } from '../../../src/snapshot/schema.js';
import { ADMINISTRATOR_ACCESS, accountWith, iamResource, inlinePolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import {
  activeKey,
  allow,
  noKey,
  rootRow,
  user,
  userRow,
  withCredentialReport,
} from '../../builders/snapshot.js';

const admin = (name: string) => user(name, { attachedPolicies: [ADMINISTRATOR_ACCESS] });
/** A user allowed to write an inline policy on itself: full admin one step away. */
const selfGranting = (name: string) =>
  user(name, {
    inlinePolicies: [inlinePolicy('self', allow(['iam:PutUserPolicy'], [iamResource(`user/${name}`)]))],
  });

describe('user-admin-without-mfa', () => {
  test.each<{ name: string; users: UserDetail[]; rows: CredentialReportRow[]; expected: string[] }>([
    {
      name: 'an administrator with a password and no MFA',
      users: [admin('alice')],
      rows: [userRow('alice', { passwordEnabled: true })],
      expected: ['User alice has full admin through AdministratorAccess and no MFA device.'],
    },
    {
      name: 'an administrator with only an access key and no MFA',
      users: [admin('ci')],
      rows: [userRow('ci', { accessKeys: [activeKey(10, 1), noKey()] })],
      expected: ['User ci has full admin through AdministratorAccess and no MFA device.'],
    },
    {
      name: 'an administrator with MFA',
      users: [admin('alice')],
      rows: [userRow('alice', { mfaActive: true })],
      expected: [],
    },
    {
      name: 'a user without MFA who is no administrator',
      users: [user('bob', { inlinePolicies: [inlinePolicy('s3', allow(['s3:*']))] })],
      rows: [userRow('bob')],
      expected: [],
    },
    {
      name: 'a user who can make itself admin, without MFA: reported with the path',
      users: [selfGranting('dev')],
      rows: [userRow('dev', { passwordEnabled: true })],
      expected: [
        'User dev can reach full admin through user dev -> full admin (rsl-10) and has no MFA device.',
      ],
    },
    {
      name: 'a user who can make itself admin, with MFA',
      users: [selfGranting('dev')],
      rows: [userRow('dev', { passwordEnabled: true, mfaActive: true })],
      expected: [],
    },
    {
      name: 'an administrator created after the credential report (no row): not judged',
      users: [admin('new')],
      rows: [],
      expected: [],
    },
  ])('$name', ({ users, rows, expected }) => {
    const snapshot = withCredentialReport(accountWith({ users }), [rootRow(), ...rows]);
    expect(runRule(userAdminWithoutMfa, snapshot).map((f) => f.message)).toEqual(expected);
  });

  test('evidence gives the credentials at risk and the granting policy', () => {
    const snapshot = withCredentialReport(accountWith({ users: [admin('alice')] }), [
      userRow('alice', { passwordEnabled: true }),
    ]);
    const [finding] = runRule(userAdminWithoutMfa, snapshot);
    expect(finding).toMatchObject({
      resource: iamResource('user/alice'),
      evidence: {
        passwordEnabled: true,
        activeAccessKeys: 0,
        grantedBy: [{ policy: { policyArn: ADMINISTRATOR_ACCESS.arn } }],
      },
    });
  });

  test('the demo account reports its admin user', () => {
    const demo = loadDemoSnapshot();
    expect(runRule(userAdminWithoutMfa, demo).map((f) => f.resource)).toContain(
      `arn:${demo.partition}:iam::${demo.accountId}:user/admin`,
    );
  });
});
