// Ready-made accounts for contract tests and the benchmark.
import type { FakeAccount, FakeAccountInit } from './model.js';
import {
  allowDocument,
  daysBefore,
  fakeAccessKey,
  fakeAccount,
  fakeGroup,
  fakeManagedPolicy,
  fakePassword,
  fakeRole,
  fakeServerCertificate,
  fakeUser,
  trustDocument,
} from './model.js';

/** `arn:aws:iam::aws:policy/AdministratorAccess` in the account's partition. */
export function awsManagedArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * A small account with a bit of everything: a console user with virtual MFA, one without MFA and
 * with a stale key, a machine user with two keys, an admin group, a role trusted by anyone, a
 * customer policy with `+` in its document, an expired server certificate and an unassigned MFA device.
 */
export function sampleAccount(init: FakeAccountInit = {}): FakeAccount {
  const partition = init.partition ?? 'aws';
  const id = init.id ?? '123456789012';
  const adminArn = awsManagedArn(partition, 'AdministratorAccess');
  return fakeAccount({
    alias: 'acme-prod',
    users: [
      fakeUser('alice', {
        password: fakePassword(),
        mfa: 'virtual',
        groups: ['admins'],
        accessKeys: [
          fakeAccessKey({ lastUsed: { date: daysBefore(2), region: 'eu-west-1', service: 's3' } }),
        ],
      }),
      fakeUser('bob', {
        password: fakePassword({ lastUsed: null }),
        accessKeys: [fakeAccessKey({ created: daysBefore(400), lastUsed: null })],
        inlinePolicies: {
          'read-reports': allowDocument(['s3:GetObject'], [`arn:${partition}:s3:::reports+archive/*`]),
        },
      }),
      fakeUser('ci+deploy', {
        path: '/machines/',
        accessKeys: [
          fakeAccessKey({
            created: daysBefore(10),
            lastUsed: { date: daysBefore(1), region: 'eu-west-1', service: 'sts' },
          }),
          fakeAccessKey({
            created: daysBefore(5),
            lastUsed: { date: daysBefore(1), region: 'eu-west-1', service: 'ecr' },
          }),
        ],
        attachedPolicyArns: [`arn:${partition}:iam::${id}:policy/deploy`],
      }),
    ],
    groups: [fakeGroup('admins', { attachedPolicyArns: [adminArn] }), fakeGroup('empty')],
    roles: [
      fakeRole('open-door', { trustPolicy: trustDocument({ AWS: '*' }), attachedPolicyArns: [adminArn] }),
      fakeRole('app', {
        instanceProfileNames: ['app'],
        lastUsed: { date: daysBefore(3), region: 'eu-west-1' },
        inlinePolicies: { logs: allowDocument(['logs:PutLogEvents']) },
      }),
    ],
    policies: [
      fakeManagedPolicy('deploy', allowDocument(['ecr:*', 'iam:PassRole'])),
      fakeManagedPolicy('AdministratorAccess', allowDocument(['*']), { awsManaged: true }),
      // Never attached: GetAccountAuthorizationDetails leaves it out.
      fakeManagedPolicy('AmazonS3ReadOnlyAccess', allowDocument(['s3:Get*', 's3:List*']), {
        awsManaged: true,
      }),
    ],
    serverCertificates: [
      fakeServerCertificate('old-site', { expiration: daysBefore(10) }),
      fakeServerCertificate('new-site', { expiration: daysBefore(-200) }),
    ],
    unassignedMfaDevices: ['spare'],
    ...init,
  });
}

export interface LargeAccountSize {
  users: number;
  roles: number;
  policies: number;
}

export const BUDGET_ACCOUNT_SIZE: LargeAccountSize = { users: 10_000, roles: 5_000, policies: 2_000 };

const GROUPS_IN_LARGE_ACCOUNT = 20;

/**
 * A large account shaped like a real one: every user in a group with a customer policy attached
 * and an access key, every tenth with an inline policy; every role with a trust policy and an
 * attached policy, every fifth with an inline one.
 */
export function largeAccount(size: LargeAccountSize = BUDGET_ACCOUNT_SIZE): FakeAccount {
  const account = fakeAccount({ id: '210987654321' });
  const policyArn = (index: number) =>
    `arn:aws:iam::${account.id}:policy/team-policy-${index % size.policies}`;
  account.policies = Array.from({ length: size.policies }, (_, index) =>
    fakeManagedPolicy(
      `team-policy-${index}`,
      allowDocument([`s3:GetObject`, `s3:PutObject`, `sqs:SendMessage`], [`arn:aws:s3:::team-${index}/*`]),
    ),
  );
  account.groups = Array.from({ length: GROUPS_IN_LARGE_ACCOUNT }, (_, index) =>
    fakeGroup(`team-${index}`, { attachedPolicyArns: [policyArn(index)] }),
  );
  account.users = Array.from({ length: size.users }, (_, index) =>
    fakeUser(`user-${index}`, {
      groups: [`team-${index % GROUPS_IN_LARGE_ACCOUNT}`],
      attachedPolicyArns: [policyArn(index)],
      accessKeys: [fakeAccessKey({ created: daysBefore(index % 200) })],
      inlinePolicies:
        index % 10 === 0 ? { 'own-bucket': allowDocument(['s3:*'], [`arn:aws:s3:::user-${index}`]) } : {},
    }),
  );
  account.roles = Array.from({ length: size.roles }, (_, index) =>
    fakeRole(`service-role-${index}`, {
      trustPolicy: trustDocument({ Service: 'lambda.amazonaws.com' }),
      attachedPolicyArns: [policyArn(index + 7)],
      inlinePolicies:
        index % 5 === 0 ? { logs: allowDocument(['logs:CreateLogStream', 'logs:PutLogEvents']) } : {},
    }),
  );
  return account;
}
