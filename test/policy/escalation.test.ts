// Privilege escalation: every method of the data file is found from exactly its actions and not
// from one fewer; then the resource, condition, boundary and trust semantics methods depend on.
import { analyzeAccount } from '../../src/policy/account-analysis.js';
import type { PrincipalAnalysis } from '../../src/policy/account-analysis.js';
import { ESCALATION_METHODS } from '../../src/policy/privesc-methods.js';
import type { PolicyDocument, RoleDetail, Statement, UserDetail } from '../../src/snapshot/schema.js';
import {
  ACCOUNT,
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

const ADMIN = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const arn = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const inline = (name: string, document: PolicyDocument) => ({ name, document });
const trusting = (principal: Statement['Principal']) =>
  doc({ Effect: 'Allow', Principal: principal, Action: ['sts:AssumeRole'] });

/**
 * A customer managed policy the attacker holds: harmless by default, but with an older
 * administrator version that SetDefaultPolicyVersion could bring back.
 */
const teamPolicy = managedPolicy('team-policy', doc(allow(['s3:ListAllMyBuckets'])), {
  defaultVersionId: 'v2',
  versions: [
    { versionId: 'v1', isDefault: false, createDate: null, document: doc(allow(['*'])) },
    { versionId: 'v2', isDefault: true, createDate: null, document: doc(allow(['s3:ListAllMyBuckets'])) },
  ],
});

/** An account with what methods exploit: another user, roles for every service, an admin role trusting the account. */
function account(attacker: UserDetail, options: { roles?: RoleDetail[]; extraUsers?: UserDetail[] } = {}) {
  const services = [...new Set(ESCALATION_METHODS.flatMap((m) => (m.service ? [m.service] : [])))];
  const roles = options.roles ?? [
    ...services.map((service, i) =>
      role(`service-role-${i}`, { trustPolicy: trusting({ Service: [service] }) }),
    ),
    role('ops-admin', { trustPolicy: trusting({ AWS: [arn('root')] }), attachedPolicies: [ADMIN] }),
  ];
  return withAuthorizationDetails(emptySnapshot(), {
    users: [attacker, user('victim'), ...(options.extraUsers ?? [])],
    roles,
    groups: [group('team')],
    policies: [teamPolicy],
  });
}

function attackerWith(statements: Statement[], extra: Partial<UserDetail> = {}): UserDetail {
  return user('attacker', {
    inlinePolicies: [inline('granted', doc(...statements))],
    attachedPolicies: [{ name: teamPolicy.name, arn: teamPolicy.arn }],
    ...extra,
  });
}

function methodsOf(principal: PrincipalAnalysis): string[] {
  return principal.escalations.map((match) => match.method.id);
}

function attacker(snapshot: ReturnType<typeof account>): PrincipalAnalysis {
  return analyzeAccount(snapshot).users.find((u) => u.name === 'attacker')!;
}

describe.each(ESCALATION_METHODS.map((method) => [method.id, method] as const))('method %s', (id, method) => {
  test('a principal holding exactly its actions is flagged with it, at high severity', () => {
    const principal = attacker(account(attackerWith([allow([...method.actions])])));
    const match = principal.escalations.find((m) => m.method.id === id);
    expect(match).toBeDefined();
    expect(match!.severity).toBe('high');
    expect(match!.grants.map((g) => g.action)).toEqual(method.actions);
  });

  test.each(method.actions.map((action) => [action]))('without %s it is not flagged with it', (missing) => {
    const rest = method.actions.filter((action) => action !== missing);
    const statements = rest.length > 0 ? [allow(rest)] : [];
    expect(methodsOf(attacker(account(attackerWith(statements))))).not.toContain(id);
  });
});

describe('resources a method can exploit', () => {
  const keyFor = (resource: string, version = '2012-10-17') =>
    attackerWith([], {
      inlinePolicies: [
        inline('keys', { Version: version, Statement: [allow(['iam:CreateAccessKey'], [resource])] }),
      ],
    });

  test.each<{ name: string; resource: string; flagged: boolean; version?: string }>([
    { name: 'any user', resource: arn('user/*'), flagged: true },
    { name: 'another named user', resource: arn('user/victim'), flagged: true },
    { name: 'only oneself by variable', resource: arn('user/${aws:username}'), flagged: false },
    { name: 'only oneself by name', resource: arn('user/attacker'), flagged: false },
    {
      name: 'a variable read literally (no Version 2012-10-17)',
      resource: arn('user/${aws:username}'),
      flagged: false,
      version: '2008-10-17',
    },
    { name: 'only users of another account', resource: 'arn:aws:iam::111111111111:user/*', flagged: false },
    { name: 'a role, not a user', resource: arn('role/*'), flagged: false },
  ])('CreateAccessKey on $name: flagged $flagged', ({ resource, flagged, version }) => {
    expect(methodsOf(attacker(account(keyFor(resource, version)))).includes('rsl-04')).toBe(flagged);
  });

  test.each([
    ['customer managed policies', arn('policy/*'), true],
    ['AWS managed policies, which cannot change', 'arn:aws:iam::aws:policy/*', false],
    ['every resource', '*', true],
  ])('CreatePolicyVersion on %s: flagged %s', (_name, resource, flagged) => {
    const principal = attacker(account(attackerWith([allow(['iam:CreatePolicyVersion'], [resource])])));
    expect(methodsOf(principal).includes('rsl-01')).toBe(flagged);
  });

  test('a Deny covering every user removes the method; one covering a single user does not', () => {
    const denyAll: Statement = { Effect: 'Deny', Action: ['iam:CreateAccessKey'], Resource: [arn('user/*')] };
    const denyOne: Statement = { Effect: 'Deny', Action: ['iam:*'], Resource: [arn('user/victim')] };
    expect(
      methodsOf(attacker(account(attackerWith([allow(['iam:CreateAccessKey']), denyAll])))),
    ).not.toContain('rsl-04');
    expect(methodsOf(attacker(account(attackerWith([allow(['iam:CreateAccessKey']), denyOne]))))).toContain(
      'rsl-04',
    );
  });

  test('a permissions boundary without IAM removes the method', () => {
    const boundary = managedPolicy('no-iam', doc(allow(['s3:*'])));
    const snapshot = account(
      attackerWith([allow(['iam:CreateAccessKey'])], { permissionsBoundaryArn: boundary.arn }),
    );
    snapshot.sections.authorizationDetails!.data!.policies.push(boundary);
    expect(methodsOf(attacker(snapshot))).not.toContain('rsl-04');
  });

  test('a grant under a request condition is kept and marked conditional', () => {
    const conditional: Statement = {
      ...allow(['iam:CreateAccessKey']),
      Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
    };
    const match = attacker(account(attackerWith([conditional]))).escalations.find(
      (m) => m.method.id === 'rsl-04',
    )!;
    expect(match.conditional).toBe(true);
    expect(match.grants[0]!.grant.conditionKeys).toEqual(['aws:SourceIp']);
  });
});

describe('grants split between policies', () => {
  test('across two inline policies of the user', () => {
    const snapshot = account(
      attackerWith([], {
        inlinePolicies: [
          inline('pass', doc(allow(['iam:PassRole']))),
          inline('lambda', doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))),
        ],
      }),
    );
    expect(methodsOf(attacker(snapshot))).toContain('rsl-15');
  });

  test('across the user and its group, with evidence naming each policy and statement', () => {
    const snapshot = account(
      attackerWith([{ Sid: 'Pass', ...allow(['iam:PassRole']) }], { groups: ['team'] }),
    );
    snapshot.sections.authorizationDetails!.data!.groups[0]!.inlinePolicies.push(
      inline('functions', doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))),
    );
    const principal = attacker(snapshot);
    const match = principal.escalations.find((m) => m.method.id === 'rsl-15')!;
    expect(match.grants.map(({ action, grant }) => [action, principal.grantEvidence(grant)])).toEqual([
      [
        'iam:PassRole',
        {
          policy: { inlinePolicy: 'granted', owner: arn('user/attacker') },
          statement: 'Pass',
          resource: '*',
        },
      ],
      [
        'lambda:CreateFunction',
        {
          policy: { inlinePolicy: 'functions', owner: arn('group/team') },
          statement: 0,
          resource: '*',
          attachedThrough: [arn('group/team')],
        },
      ],
      [
        'lambda:InvokeFunction',
        {
          policy: { inlinePolicy: 'functions', owner: arn('group/team') },
          statement: 0,
          resource: '*',
          attachedThrough: [arn('group/team')],
        },
      ],
    ]);
  });
});

describe('PassRole methods and the roles they need', () => {
  const lambdaRole = role('fn', { trustPolicy: trusting({ Service: ['lambda.amazonaws.com'] }) });
  const ec2Role = role('vm', { trustPolicy: trusting({ Service: ['ec2.amazonaws.com'] }) });
  const lambdaActions = ['lambda:CreateFunction', 'lambda:InvokeFunction'];
  const rsl15 = (statements: Statement[], roles: RoleDetail[]) =>
    attacker(account(attackerWith(statements), { roles })).escalations.find((m) => m.method.id === 'rsl-15');

  test('a passable role trusting the service: high, naming the role', () => {
    const match = rsl15([allow(['iam:PassRole', ...lambdaActions])], [lambdaRole, ec2Role]);
    expect(match).toMatchObject({ severity: 'high', passableRoles: [lambdaRole.arn] });
  });

  test('no role trusts the service: medium, and says so', () => {
    const match = rsl15([allow(['iam:PassRole', ...lambdaActions])], [ec2Role]);
    expect(match).toMatchObject({
      severity: 'medium',
      lowered: 'no role it may pass trusts lambda.amazonaws.com',
    });
  });

  test('PassRole only on a role that does not trust the service: medium', () => {
    const match = rsl15(
      [allow(['iam:PassRole'], [ec2Role.arn]), allow(lambdaActions)],
      [lambdaRole, ec2Role],
    );
    expect(match?.severity).toBe('medium');
  });

  test('iam:PassedToService limiting PassRole to another service: the method does not apply', () => {
    const toEc2: Statement = {
      ...allow(['iam:PassRole']),
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } },
    };
    expect(rsl15([toEc2, allow(lambdaActions)], [lambdaRole, ec2Role])).toBeUndefined();
    const principal = attacker(
      account(attackerWith([toEc2, allow(['ec2:RunInstances'])]), { roles: [lambdaRole, ec2Role] }),
    );
    expect(principal.escalations.find((m) => m.method.id === 'rsl-03')).toMatchObject({
      severity: 'high',
      conditional: false,
    });
  });

  test('taking over a function when no role trusts Lambda: medium', () => {
    const match = attacker(
      account(attackerWith([allow(['lambda:UpdateFunctionCode'])]), { roles: [ec2Role] }),
    ).escalations.find((m) => m.method.id === 'rsl-18');
    expect(match).toMatchObject({
      severity: 'medium',
      lowered: 'no role in the account trusts lambda.amazonaws.com',
    });
  });

  test('a role cannot escalate by passing itself', () => {
    const self = role('fn', {
      trustPolicy: trusting({ Service: ['lambda.amazonaws.com'] }),
      inlinePolicies: [inline('deploy', doc(allow(['iam:PassRole', ...lambdaActions])))],
    });
    const snapshot = withAuthorizationDetails(emptySnapshot(), { roles: [self] });
    const match = analyzeAccount(snapshot).roles[0]!.escalations.find((m) => m.method.id === 'rsl-15');
    expect(match).toMatchObject({ severity: 'medium', passableRoles: [] });
  });
});

describe('Auto Scaling', () => {
  test('a launch configuration with an instance profile put on an existing group escalates', () => {
    const principal = attacker(
      account(
        attackerWith([
          allow([
            'autoscaling:CreateLaunchConfiguration',
            'autoscaling:UpdateAutoScalingGroup',
            'iam:PassRole',
          ]),
        ]),
      ),
    );
    expect(methodsOf(principal)).toContain('aws-autoscaling-update-lc');
  });
});

describe('IAM Identity Center permission sets (organization management account only)', () => {
  const ssoAdmin = attackerWith([allow(['sso:CreateAccountAssignment'])]);
  const organization = (managementAccountId: string) => ({
    id: 'o-abc123',
    arn: `arn:aws:organizations::${managementAccountId}:organization/o-abc123`,
    featureSet: 'ALL',
    managementAccountId,
    managementAccountArn: null,
  });
  const ssoMatch = (snapshot: ReturnType<typeof account>) =>
    attacker(snapshot).escalations.find((m) => m.method.id === 'sso-assign-permission-set');

  test('in the management account the method applies without reservation', () => {
    const match = ssoMatch(withSection(account(ssoAdmin), 'organization', organization(ACCOUNT)));
    expect(match).toBeDefined();
    expect(match!.conditional).toBe(false);
    expect(match!.assumption).toBeUndefined();
  });

  test('in a member account it does not apply', () => {
    expect(
      ssoMatch(withSection(account(ssoAdmin), 'organization', organization('999999999999'))),
    ).toBeUndefined();
  });

  test('in an account outside any organization it does not apply', () => {
    expect(ssoMatch(withSection(account(ssoAdmin), 'organization', null))).toBeUndefined();
  });

  test.each([
    ['not collected', (s: ReturnType<typeof account>) => s],
    ['denied', (s: ReturnType<typeof account>) => withFailedSection(s, 'organization', 'denied')],
  ])('organization data %s: kept, conditional on this being the management account', (_name, edit) => {
    const match = ssoMatch(edit(account(ssoAdmin)));
    expect(match).toBeDefined();
    expect(match!.conditional).toBe(true);
    expect(match!.assumption).toMatch(/management account/);
  });
});

describe('SetDefaultPolicyVersion', () => {
  test('flagged only when a policy the principal holds has a broader non-default version', () => {
    const withVersion = attacker(account(attackerWith([allow(['iam:SetDefaultPolicyVersion'])])));
    expect(withVersion.escalations.find((m) => m.method.id === 'rsl-02')?.policyVersion).toEqual({
      policyArn: teamPolicy.arn,
      versionId: 'v1',
    });
    const withoutPolicy = attacker(
      account(attackerWith([allow(['iam:SetDefaultPolicyVersion'])], { attachedPolicies: [] })),
    );
    expect(methodsOf(withoutPolicy)).not.toContain('rsl-02');
  });
});

describe('assuming an admin role', () => {
  const adminTrusting = (principal: string) =>
    role('ops-admin', { trustPolicy: trusting({ AWS: [principal] }), attachedPolicies: [ADMIN] });

  test.each([
    ['the whole account', arn('root'), true],
    ['the account id', ACCOUNT, true],
    ['the principal by name', arn('user/attacker'), true],
    ['someone else', arn('user/victim'), false],
  ])('an admin role trusting %s: flagged %s', (_name, trusted, flagged) => {
    const principal = attacker(
      account(attackerWith([allow(['sts:AssumeRole'])]), { roles: [adminTrusting(trusted)] }),
    );
    expect(methodsOf(principal).includes('bf-sts-assumerole')).toBe(flagged);
  });
});

test('a full admin principal is reported as such, not for escalation', () => {
  const admin = user('attacker', { attachedPolicies: [ADMIN] });
  expect(attacker(account(admin)).escalations).toEqual([]);
});
