// The access graph: one table per edge kind and per false positive the one-step method patterns
// used to report, each with the case that must give an escalation and the nearest case that must
// not; then a three-hop chain of roles that trust by ARN.
import { accessGraph } from '../../src/graph/access-graph.js';
import type { GraphPath } from '../../src/graph/paths.js';
import { describePath, escalationPath } from '../../src/graph/paths.js';
import { pathProof } from '../../src/graph/proof.js';
import type {
  GroupDetail,
  ManagedPolicy,
  RoleDetail,
  Snapshot,
  Statement,
  UserDetail,
} from '../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  deny,
  iamResource,
  inlinePolicy,
  policyWithAdminOldVersion,
  trustPolicy,
} from '../builders/policies.js';
import {
  allow,
  doc,
  emptySnapshot,
  group,
  managedPolicy,
  role,
  user,
  withAuthorizationDetails,
  withFailedSection,
  withSection,
} from '../builders/snapshot.js';
import { managedOrganization, organization } from '../builders/guardrails.js';

interface Account {
  users?: UserDetail[];
  roles?: RoleDetail[];
  groups?: GroupDetail[];
  policies?: ManagedPolicy[];
}

function snapshotOf(account: Account): Snapshot {
  return withAuthorizationDetails(emptySnapshot(), {
    users: account.users ?? [],
    roles: account.roles ?? [],
    groups: account.groups ?? [],
    policies: account.policies ?? [],
  });
}

function escalationOf(snapshot: Snapshot, arn: string): GraphPath | null {
  const graph = accessGraph(snapshot);
  return escalationPath(graph, graph.node(arn)!);
}

const ATTACKER = iamResource('user/attacker');
const attacker = (...statements: Statement[]) =>
  user('attacker', { inlinePolicies: [inlinePolicy('granted', ...statements)] });
const adminRole = (name: string, trust = trustPolicy({ AWS: [iamResource('root')] })) =>
  role(name, { trustPolicy: trust, attachedPolicies: [ADMINISTRATOR_ACCESS] });
const logsOnly = inlinePolicy('logs', allow(['logs:*']));
const boss = user('boss', { attachedPolicies: [ADMINISTRATOR_ACCESS] });
/** The attacker allowed CreateAccessKey on `resource` (under policy language `version`), next to an admin user. */
const keysOn = (resource: string, version = '2012-10-17', ...extra: Statement[]): Account => ({
  users: [
    user('attacker', {
      inlinePolicies: [
        {
          name: 'keys',
          document: { Version: version, Statement: [allow(['iam:CreateAccessKey'], [resource]), ...extra] },
        },
      ],
    }),
    boss,
  ],
});
const teamPolicy = policyWithAdminOldVersion('team-policy');
const holdingTeamPolicy = (...statements: Statement[]): UserDetail => ({
  ...attacker(...statements),
  attachedPolicies: [{ name: teamPolicy.name, arn: teamPolicy.arn }],
});
const lambdaActions = ['lambda:CreateFunction', 'lambda:InvokeFunction'];
/** Role ops (a Lambda role: nobody in the account can assume it) allowed `actions`. */
const opsRole = (...actions: string[]) =>
  role('ops', { trustPolicy: lambdaTrust, inlinePolicies: [inlinePolicy('p', allow(actions))] });
const lambdaTrust = trustPolicy({ Service: ['lambda.amazonaws.com'] });

interface Case {
  name: string;
  account: Account;
  /** The end of the expected path (an ARN or `full-admin`), or null for no escalation. */
  reaches: string | null;
  method?: string;
  /** Who acts, when not the first user (else the first role). */
  actor?: string;
}

const cases: Record<string, Case[]> = {
  'assume role': [
    {
      name: 'trust naming the user ARN needs no identity grant',
      account: { users: [attacker()], roles: [adminRole('admin', trustPolicy({ AWS: [ATTACKER] }))] },
      reaches: iamResource('role/admin'),
      method: 'assume-role-trusted-by-arn',
    },
    {
      name: 'trust naming the account root needs an identity grant: none',
      account: { users: [attacker(allow(['s3:ListAllMyBuckets']))], roles: [adminRole('admin')] },
      reaches: null,
    },
    {
      name: 'trust naming the account root, with sts:AssumeRole granted',
      account: {
        users: [attacker(allow(['sts:AssumeRole'], [iamResource('role/admin')]))],
        roles: [adminRole('admin')],
      },
      reaches: iamResource('role/admin'),
      method: 'assume-role-trusting-account',
    },
    {
      name: 'trust naming the account id, with sts:AssumeRole granted',
      account: {
        users: [attacker(allow(['sts:AssumeRole']))],
        roles: [adminRole('admin', trustPolicy({ AWS: ['123456789012'] }))],
      },
      reaches: iamResource('role/admin'),
      method: 'assume-role-trusting-account',
    },
    {
      name: 'trust naming the user, but an explicit Deny of sts:AssumeRole',
      account: {
        users: [attacker(deny(['sts:AssumeRole']))],
        roles: [adminRole('admin', trustPolicy({ AWS: [ATTACKER] }))],
      },
      reaches: null,
    },
    {
      name: 'trust naming a user of another account only, with sts:AssumeRole granted',
      account: {
        users: [attacker(allow(['sts:AssumeRole']))],
        roles: [adminRole('admin', trustPolicy({ AWS: ['arn:aws:iam::111111111111:user/attacker'] }))],
      },
      reaches: null,
    },
    {
      name: 'trust naming another account, with sts:AssumeRole granted',
      account: {
        users: [attacker(allow(['sts:AssumeRole']))],
        roles: [adminRole('admin', trustPolicy({ AWS: ['arn:aws:iam::111111111111:root'] }))],
      },
      reaches: null,
    },
    {
      name: 'trust naming another user',
      account: {
        users: [attacker(), user('other')],
        roles: [adminRole('admin', trustPolicy({ AWS: [iamResource('user/other')] }))],
      },
      reaches: null,
    },
  ],
  'user credentials': [
    {
      name: 'CreateAccessKey on an admin user',
      account: {
        users: [
          attacker(allow(['iam:CreateAccessKey'], [iamResource('user/boss')])),
          user('boss', { attachedPolicies: [ADMINISTRATOR_ACCESS] }),
        ],
      },
      reaches: iamResource('user/boss'),
      method: 'rsl-04',
    },
    { name: 'CreateAccessKey on any user', account: keysOn(iamResource('user/*')), reaches: boss.arn },
    { name: 'CreateAccessKey on oneself by name', account: keysOn(ATTACKER), reaches: null },
    {
      name: 'a policy variable read literally (no Version 2012-10-17)',
      account: keysOn(iamResource('user/${aws:username}'), '2008-10-17'),
      reaches: null,
    },
    {
      name: 'CreateAccessKey on users of another account',
      account: keysOn('arn:aws:iam::111111111111:user/*'),
      reaches: null,
    },
    { name: 'CreateAccessKey on roles, not users', account: keysOn(iamResource('role/*')), reaches: null },
    {
      name: 'a Deny covering every user',
      account: keysOn('*', '2012-10-17', deny(['iam:CreateAccessKey'], [iamResource('user/*')])),
      reaches: null,
    },
    {
      name: 'a Deny covering another user only',
      account: keysOn('*', '2012-10-17', deny(['iam:*'], [iamResource('user/victim')])),
      reaches: boss.arn,
    },
    {
      name: 'a permissions boundary without IAM',
      account: {
        users: [
          {
            ...attacker(allow(['iam:CreateAccessKey'])),
            permissionsBoundaryArn: iamResource('policy/no-iam'),
          },
          boss,
        ],
        policies: [managedPolicy('no-iam', doc(allow(['s3:*'])))],
      },
      reaches: null,
    },
    {
      name: 'CreateLoginProfile on an admin user',
      account: { users: [attacker(allow(['iam:CreateLoginProfile'], [boss.arn])), boss] },
      reaches: boss.arn,
      method: 'rsl-05',
    },
    {
      name: 'UpdateLoginProfile on an admin user',
      account: { users: [attacker(allow(['iam:UpdateLoginProfile'], [boss.arn])), boss] },
      reaches: boss.arn,
      method: 'rsl-06',
    },
    {
      name: 'CreateAccessKey on a user with no more than the actor',
      account: {
        users: [
          attacker(allow(['iam:CreateAccessKey'], [iamResource('user/peer')])),
          user('peer', {
            inlinePolicies: [
              inlinePolicy('keys', allow(['iam:CreateAccessKey'], [iamResource('user/attacker')])),
            ],
          }),
        ],
      },
      reaches: null,
    },
    {
      name: 'CreateAccessKey on oneself only (${aws:username})',
      account: {
        users: [
          attacker(allow(['iam:CreateAccessKey'], ['arn:aws:iam::123456789012:user/${aws:username}'])),
          user('boss', { attachedPolicies: [ADMINISTRATOR_ACCESS] }),
        ],
      },
      reaches: null,
    },
  ],
  'policy change': [
    {
      name: 'PutUserPolicy on oneself',
      account: { users: [attacker(allow(['iam:PutUserPolicy'], [ATTACKER]))] },
      reaches: 'full-admin',
      method: 'rsl-10',
    },
    {
      name: 'CreatePolicyVersion on the customer managed policies it holds',
      account: {
        users: [holdingTeamPolicy(allow(['iam:CreatePolicyVersion'], [iamResource('policy/*')]))],
        policies: [teamPolicy],
      },
      reaches: 'full-admin',
      method: 'rsl-01',
    },
    {
      name: 'CreatePolicyVersion on every resource',
      account: { users: [holdingTeamPolicy(allow(['iam:CreatePolicyVersion']))], policies: [teamPolicy] },
      reaches: 'full-admin',
      method: 'rsl-01',
    },
    {
      name: 'CreatePolicyVersion on AWS managed policies only (they cannot change)',
      account: {
        users: [holdingTeamPolicy(allow(['iam:CreatePolicyVersion'], ['arn:aws:iam::aws:policy/*']))],
        policies: [teamPolicy],
      },
      reaches: null,
    },
    {
      name: 'SetDefaultPolicyVersion on a policy it holds with a broader older version',
      account: { users: [holdingTeamPolicy(allow(['iam:SetDefaultPolicyVersion']))], policies: [teamPolicy] },
      reaches: `${ATTACKER}#${teamPolicy.arn}#v1`,
      method: 'rsl-02',
    },
    {
      name: 'SetDefaultPolicyVersion holding no policy with another version',
      account: { users: [attacker(allow(['iam:SetDefaultPolicyVersion']))], policies: [teamPolicy] },
      reaches: null,
    },
    {
      name: 'PutUserPolicy on another user whose credentials it cannot take',
      account: {
        users: [attacker(allow(['iam:PutUserPolicy'], [iamResource('user/victim')])), user('victim')],
      },
      reaches: null,
    },
    {
      name: 'PutUserPolicy and CreateAccessKey on another user',
      account: {
        users: [
          attacker(allow(['iam:PutUserPolicy', 'iam:CreateAccessKey'], [iamResource('user/victim')])),
          user('victim'),
        ],
      },
      reaches: 'full-admin',
    },
    {
      name: 'AttachRolePolicy on a role it can assume',
      account: {
        users: [attacker(allow(['iam:AttachRolePolicy'], [iamResource('role/app')]))],
        roles: [role('app', { trustPolicy: trustPolicy({ AWS: [ATTACKER] }) })],
      },
      reaches: 'full-admin',
      method: 'rsl-09',
    },
    {
      name: 'AttachRolePolicy on a role it cannot become',
      account: {
        users: [attacker(allow(['iam:AttachRolePolicy'], [iamResource('role/app')]))],
        roles: [role('app', { trustPolicy: lambdaTrust })],
      },
      reaches: null,
    },
    {
      name: 'AttachUserPolicy held by a role (no user it can become)',
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim')],
        roles: [opsRole('iam:AttachUserPolicy')],
      },
      reaches: null,
    },
    {
      name: "PutUserPolicy held by a role that can take the user's access key",
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim')],
        roles: [opsRole('iam:PutUserPolicy', 'iam:CreateAccessKey')],
      },
      reaches: 'full-admin',
    },
    {
      name: 'PutGroupPolicy held by a role that can take the key of a user in the group',
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim', { groups: ['team'] })],
        groups: [group('team')],
        roles: [opsRole('iam:PutGroupPolicy', 'iam:CreateAccessKey')],
      },
      reaches: 'full-admin',
      method: 'rsl-11',
    },
    {
      name: 'PutGroupPolicy held by a role that can become no user',
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim', { groups: ['team'] })],
        groups: [group('team')],
        roles: [opsRole('iam:PutGroupPolicy')],
      },
      reaches: null,
    },
    {
      name: 'PutGroupPolicy on a group it belongs to',
      account: {
        users: [
          { ...attacker(allow(['iam:PutGroupPolicy'], [iamResource('group/team')])), groups: ['team'] },
        ],
        groups: [group('team')],
      },
      reaches: 'full-admin',
      method: 'rsl-11',
    },
    {
      name: 'PutGroupPolicy by a user in no group',
      account: {
        users: [attacker(allow(['iam:PutGroupPolicy'], [iamResource('group/team')]))],
        groups: [group('team')],
      },
      reaches: null,
    },
    {
      name: 'DeleteUserPermissionsBoundary lifts its own boundary',
      account: {
        users: [
          user('attacker', {
            attachedPolicies: [ADMINISTRATOR_ACCESS],
            permissionsBoundaryArn: iamResource('policy/fence'),
          }),
        ],
        policies: [managedPolicy('fence', doc(allow(['iam:DeleteUserPermissionsBoundary', 's3:*'])))],
      },
      reaches: `${ATTACKER}#no-boundary`,
      method: 'remove-own-permissions-boundary',
    },
    {
      name: 'a boundary it cannot lift',
      account: {
        users: [
          user('attacker', {
            attachedPolicies: [ADMINISTRATOR_ACCESS],
            permissionsBoundaryArn: iamResource('policy/fence'),
          }),
        ],
        policies: [managedPolicy('fence', doc(allow(['s3:*'])))],
      },
      reaches: null,
    },
  ],
  'join group': [
    {
      name: 'AddUserToGroup to an admin group',
      account: {
        users: [attacker(allow(['iam:AddUserToGroup'], [iamResource('group/admins')]))],
        groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      },
      reaches: iamResource('group/admins'),
      method: 'rsl-13',
    },
    {
      name: "AddUserToGroup held by a role that can take a user's access key",
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim')],
        groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
        roles: [opsRole('iam:AddUserToGroup', 'iam:CreateAccessKey')],
      },
      reaches: iamResource('group/admins'),
      method: 'rsl-13',
    },
    {
      name: 'AddUserToGroup held by a role that can become no user',
      actor: iamResource('role/ops'),
      account: {
        users: [user('victim')],
        groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
        roles: [opsRole('iam:AddUserToGroup')],
      },
      reaches: null,
    },
    {
      name: 'AddUserToGroup where no group has more',
      account: {
        users: [attacker(allow(['iam:AddUserToGroup', 'logs:*']))],
        groups: [group('readers', { inlinePolicies: [logsOnly] })],
      },
      reaches: null,
    },
  ],
  'trust rewrite': [
    {
      name: 'UpdateAssumeRolePolicy alone on an admin role',
      account: {
        users: [attacker(allow(['iam:UpdateAssumeRolePolicy'], [iamResource('role/admin')]))],
        roles: [adminRole('admin', lambdaTrust)],
      },
      reaches: iamResource('role/admin'),
      method: 'rsl-14',
    },
    {
      name: 'UpdateAssumeRolePolicy on another role only',
      account: {
        users: [attacker(allow(['iam:UpdateAssumeRolePolicy'], [iamResource('role/other')]))],
        roles: [adminRole('admin', lambdaTrust), role('other', { trustPolicy: lambdaTrust })],
      },
      reaches: null,
    },
  ],
  'pass role': [
    {
      name: 'PassRole of an admin Lambda role, CreateFunction and InvokeFunction',
      account: {
        users: [attacker(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: iamResource('role/fn'),
      method: 'rsl-15',
    },
    {
      name: 'the same with a logs-only role: no more than the start',
      account: {
        users: [
          attacker(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'logs:*'])),
        ],
        roles: [role('fn', { trustPolicy: lambdaTrust, inlinePolicies: [logsOnly] })],
      },
      reaches: null,
    },
    {
      name: 'grants split between two inline policies',
      account: {
        users: [
          user('attacker', {
            inlinePolicies: [
              inlinePolicy('pass', allow(['iam:PassRole'])),
              inlinePolicy('lambda', allow(lambdaActions)),
            ],
          }),
        ],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: iamResource('role/fn'),
      method: 'rsl-15',
    },
    {
      name: 'no role trusts Lambda',
      account: {
        users: [attacker(allow(['iam:PassRole', ...lambdaActions]))],
        roles: [adminRole('box', trustPolicy({ Service: ['ec2.amazonaws.com'] }))],
      },
      reaches: null,
    },
    {
      name: 'PassRole only on a role that does not trust Lambda',
      account: {
        users: [attacker(allow(['iam:PassRole'], [iamResource('role/box')]), allow(lambdaActions))],
        roles: [
          adminRole('fn', lambdaTrust),
          adminRole('box', trustPolicy({ Service: ['ec2.amazonaws.com'] })),
        ],
      },
      reaches: null,
    },
    {
      name: 'a role passing itself (the only role trusting Lambda)',
      account: {
        roles: [
          role('fn', {
            trustPolicy: lambdaTrust,
            inlinePolicies: [inlinePolicy('deploy', allow(['iam:PassRole', ...lambdaActions]))],
          }),
        ],
      },
      reaches: null,
    },
    {
      name: 'PassRole limited to another service',
      account: {
        users: [
          attacker(
            {
              Effect: 'Allow',
              Action: ['iam:PassRole'],
              Resource: ['*'],
              Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } },
            },
            allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
          ),
        ],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: null,
    },
  ],
  'compute takeover': [
    {
      name: 'UpdateFunctionCode with an admin Lambda role in the account',
      account: {
        users: [attacker(allow(['lambda:UpdateFunctionCode']))],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: iamResource('role/fn'),
    },
    {
      name: 'UpdateFunctionCode allowed on functions',
      account: {
        users: [attacker(allow(['lambda:UpdateFunctionCode'], ['arn:aws:lambda:*:*:function:test*']))],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: iamResource('role/fn'),
      method: 'rsl-18',
    },
    {
      name: 'UpdateFunctionCode allowed only on database ARNs (no function can match)',
      account: {
        users: [
          attacker(allow(['lambda:UpdateFunctionCode'], ['arn:aws:rds:us-east-1:123456789012:db:test*'])),
        ],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: null,
    },
    {
      name: 'UpdateFunctionCode with no role trusting Lambda',
      account: {
        users: [attacker(allow(['lambda:UpdateFunctionCode']))],
        roles: [adminRole('box', trustPolicy({ Service: ['ec2.amazonaws.com'] }))],
      },
      reaches: null,
    },
  ],
  'no escalation': [
    {
      name: 'a full admin principal has nowhere further to go',
      account: {
        users: [{ ...attacker(), attachedPolicies: [ADMINISTRATOR_ACCESS] }],
        roles: [adminRole('fn', lambdaTrust)],
      },
      reaches: null,
    },
  ],
};

describe.each(Object.entries(cases))('%s', (_kind, table) => {
  test.each(table)('$name', ({ account, actor, reaches, method }) => {
    const principal = actor ?? account.users?.[0]?.arn ?? account.roles![0]!.arn;
    const path = escalationOf(snapshotOf(account), principal);
    if (reaches === null) {
      expect(path && describePath(path)).toBeNull();
      return;
    }
    expect(path).not.toBeNull();
    expect(path!.end.arn).toBe(reaches);
    if (method) expect(path!.hops.map((hop) => hop.group.method.id)).toContain(method);
  });
});

describe('a chain of roles trusting by ARN', () => {
  const chain = snapshotOf({
    users: [user('dev')],
    roles: [
      role('a', { trustPolicy: trustPolicy({ AWS: [iamResource('user/dev')] }) }),
      role('b', { trustPolicy: trustPolicy({ AWS: [iamResource('role/a')] }) }),
      adminRole('c', trustPolicy({ AWS: [iamResource('role/b')] })),
    ],
  });

  test('user -> role a -> role b -> full-admin role c, with the trust statement of each hop', () => {
    const path = escalationOf(chain, iamResource('user/dev'))!;
    expect(describePath(path)).toBe('user dev -> role a -> role b -> role c');
    expect(path.admin).toBe(true);
    const proof = pathProof(accessGraph(chain), path);
    expect(proof.hops.map((hop) => hop.statements)).toEqual(
      ['a', 'b', 'c'].map((name) => [
        {
          action: 'sts:AssumeRole',
          policy: { trustPolicyOf: iamResource(`role/${name}`) },
          statementIndex: 0,
        },
      ]),
    );
  });

  test('a break in the chain (b trusts someone else) leaves no path', () => {
    const broken = snapshotOf({
      users: [user('dev')],
      roles: [
        role('a', { trustPolicy: trustPolicy({ AWS: [iamResource('user/dev')] }) }),
        role('b', { trustPolicy: trustPolicy({ AWS: [iamResource('role/x')] }) }),
        adminRole('c', trustPolicy({ AWS: [iamResource('role/b')] })),
      ],
    });
    expect(escalationOf(broken, iamResource('user/dev'))).toBeNull();
  });
});

describe('the proof of a hop', () => {
  test('names each policy and statement a split grant comes from, through the group for a group policy', () => {
    const snapshot = snapshotOf({
      users: [{ ...attacker({ Sid: 'Pass', ...allow(['iam:PassRole']) }), groups: ['team'] }],
      groups: [group('team', { inlinePolicies: [inlinePolicy('functions', allow(lambdaActions))] })],
      roles: [adminRole('fn', lambdaTrust)],
    });
    const path = escalationOf(snapshot, ATTACKER)!;
    const fromGroup = {
      policy: { inlinePolicy: 'functions', owner: iamResource('group/team') },
      statementIndex: 0,
      resource: '*',
      attachedThrough: [iamResource('group/team')],
    };
    expect(pathProof(accessGraph(snapshot), path).hops[0]!.statements).toEqual([
      {
        action: 'iam:PassRole',
        policy: { inlinePolicy: 'granted', owner: ATTACKER },
        statementIndex: 0,
        sid: 'Pass',
        resource: '*',
      },
      { action: 'lambda:CreateFunction', ...fromGroup },
      { action: 'lambda:InvokeFunction', ...fromGroup },
    ]);
  });

  test('a grant under a request condition gives a conditional path naming the condition key', () => {
    const snapshot = snapshotOf({
      users: [
        attacker({
          ...allow(['iam:CreateAccessKey'], [boss.arn]),
          Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
        }),
        boss,
      ],
    });
    const path = escalationOf(snapshot, ATTACKER)!;
    expect(path.conditional).toBe(true);
    expect(pathProof(accessGraph(snapshot), path).hops[0]!.statements[0]).toMatchObject({
      action: 'iam:CreateAccessKey',
      conditional: true,
      conditionKeys: ['aws:SourceIp'],
    });
  });
});

describe('conditions', () => {
  test('a trust requiring an external id and MFA gives a conditional edge that says so', () => {
    const snapshot = snapshotOf({
      users: [attacker()],
      roles: [
        adminRole(
          'admin',
          trustPolicy(
            { AWS: [ATTACKER] },
            { StringEquals: { 'sts:ExternalId': ['x'] }, Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
          ),
        ),
      ],
    });
    const path = escalationOf(snapshot, ATTACKER)!;
    expect(path.conditional).toBe(true);
    expect(pathProof(accessGraph(snapshot), path).hops[0]!.notes).toEqual([
      'the trust policy requires an external id',
      'the trust policy requires MFA',
    ]);
  });
});

// IAM Identity Center's organization instance lives in the management account (a member account can
// hold it only as delegated administrator, which is not collected): there, a principal that may
// assign a permission set to an Identity Center user it signs in as reaches full admin in any
// account of the organization. Elsewhere the same grant leads nowhere.
describe('IAM Identity Center permission sets (organization management account)', () => {
  const ssoAdmin = snapshotOf({ users: [attacker(allow(['sso:CreateAccountAssignment']))] });
  const pathIn = (snapshot: Snapshot) => escalationOf(snapshot, ATTACKER);

  test('in the management account: a path to full admin, unconditional', () => {
    const path = pathIn(withSection(ssoAdmin, 'organization', managedOrganization()))!;
    expect(path).not.toBeNull();
    expect(path.admin).toBe(true);
    expect(path.conditional).toBe(false);
    expect(path.hops.map((hop) => hop.group.method.id)).toEqual(['sso-assign-permission-set']);
    const proof = pathProof(accessGraph(withSection(ssoAdmin, 'organization', managedOrganization())), path);
    expect(proof.hops[0]!.statements).toEqual([
      {
        action: 'sso:CreateAccountAssignment',
        policy: { inlinePolicy: 'granted', owner: ATTACKER },
        statementIndex: 0,
        resource: '*',
      },
    ]);
  });

  test('in a member account: no path', () => {
    expect(pathIn(withSection(ssoAdmin, 'organization', organization()))).toBeNull();
  });

  test('in an account outside any organization: no path', () => {
    expect(pathIn(withSection(ssoAdmin, 'organization', null))).toBeNull();
  });

  test.each([
    ['not collected', ssoAdmin],
    ['denied', withFailedSection(ssoAdmin, 'organization', 'denied')],
  ])('organization data %s: a conditional path that says what it assumes', (_name, snapshot) => {
    const path = pathIn(snapshot)!;
    expect(path).not.toBeNull();
    expect(path.conditional).toBe(true);
    expect(pathProof(accessGraph(snapshot), path).hops[0]!.notes).toEqual([
      "if this is the organization's management account (organization data was not collected)",
    ]);
  });

  test('a permission set edit needs ProvisionPermissionSet too', () => {
    const editOnly = snapshotOf({ users: [attacker(allow(['sso:PutInlinePolicyToPermissionSet']))] });
    expect(pathIn(withSection(editOnly, 'organization', managedOrganization()))).toBeNull();
    const withProvision = snapshotOf({
      users: [attacker(allow(['sso:PutInlinePolicyToPermissionSet', 'sso:ProvisionPermissionSet']))],
    });
    expect(
      pathIn(withSection(withProvision, 'organization', managedOrganization()))!.hops[0]!.group.method.id,
    ).toBe('sso-edit-assigned-permission-set-inline');
  });
});
