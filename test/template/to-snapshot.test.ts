import { readFileSync } from 'node:fs';
import type { TemplatePasswordSource } from '../../src/snapshot/schema.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import { TEMPLATE_SECTIONS } from '../../src/template/to-snapshot.js';
import { detailsOf, factsOf, snapshotFromTemplate } from '../builders/template.js';

const SECRET = 'hunter2-secret';

const STACK = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  ExternalAccount: {Type: String}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Admins:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Admins]
      PermissionsBoundary: !Ref Boundary
      Tags: [{Key: team, Value: !Ref Env}]
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement: {Effect: Allow, Action: s3:GetObject, Resource: "*"}
  Bob:
    Type: AWS::IAM::User
  Joiner:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Admins
      Users: [!Ref Bob]
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: boundary
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
      Roles: [!Ref AppRole]
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /app/
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::\${ExternalAccount}:root", Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
  RolePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: app-inline
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}
      Roles: [!Ref AppRole]
      Users: [someone-elses-user]
  BobPolicy:
    Type: AWS::IAM::UserPolicy
    Properties:
      UserName: !Ref Bob
      PolicyName: bob-inline
      PolicyDocument: {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref AppRole]
  DevOnly:
    Type: AWS::IAM::User
    Condition: IsDev
  Key:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Bob
Outputs:
  KeyId:
    Value: !Ref Key
  Secret:
    Value: !GetAtt Key.SecretAccessKey
    Export: {Name: !Sub "\${Env}-secret"}
  InSub:
    Value: !Sub "id=\${Key}&secret=\${Key.SecretAccessKey}"
`;

describe('a template becomes a snapshot the shared rules can read', () => {
  const snapshot = snapshotFromTemplate(STACK, 'infra/stack.yaml');
  const details = detailsOf(snapshot);
  const facts = factsOf(snapshot);
  const user = (name: string) => details.users.find((u) => u.name === name)!;

  test('it is a valid snapshot of the placeholder account, with exactly the template sections', () => {
    expect(() => snapshotSchema.parse(snapshot)).not.toThrow();
    expect(snapshot.accountId).toBe('000000000000');
    expect(snapshot.source).toEqual({ kind: 'template', path: 'infra/stack.yaml' });
    expect(Object.keys(snapshot.sections).sort()).toEqual([...TEMPLATE_SECTIONS].sort());
  });

  test('users: names, ARNs, groups (also from UserToGroupAddition), policies, boundary, tags', () => {
    // someone-elses-user is not declared: RolePolicy names it, so it is an external user.
    expect(details.users.map((u) => u.name)).toEqual(['alice', 'Bob', 'someone-elses-user']);
    expect(facts.externalPrincipals).toEqual([
      {
        arn: 'arn:aws:iam::000000000000:user/someone-elses-user',
        kind: 'user',
        name: 'someone-elses-user',
        location: { file: 'infra/stack.yaml', line: 54, column: 15 },
      },
    ]);
    expect(user('alice')).toMatchObject({
      arn: 'arn:aws:iam::000000000000:user/alice',
      groups: ['admins'],
      permissionsBoundaryArn: 'arn:aws:iam::000000000000:policy/boundary',
      tags: [{ Key: 'team', Value: 'prod' }],
      inlinePolicies: [
        {
          name: 'read',
          document: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] },
        },
      ],
    });
    expect(user('Bob')).toMatchObject({ groups: ['admins'], inlinePolicies: [{ name: 'bob-inline' }] });
  });

  test('a resource whose Condition is false is not created', () => {
    expect(details.users.some((u) => u.name === 'DevOnly')).toBe(false);
    expect(facts.resources.some((r) => r.logicalId === 'DevOnly')).toBe(false);
  });

  test('groups: AWS managed policies by ARN, also through Sub with AWS::Partition', () => {
    expect(details.groups).toEqual([
      expect.objectContaining({
        name: 'admins',
        attachedPolicies: [
          { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        ],
      }),
    ]);
  });

  test('roles: path, trust policy with the unknown principal dropped, attachments, inline policies, instance profile', () => {
    expect(details.roles).toEqual([
      expect.objectContaining({
        name: 'AppRole',
        arn: 'arn:aws:iam::000000000000:role/app/AppRole',
        trustPolicy: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
          ],
        },
        attachedPolicies: [{ name: 'boundary', arn: 'arn:aws:iam::000000000000:policy/boundary' }],
        inlinePolicies: [expect.objectContaining({ name: 'app-inline' })],
        instanceProfileArns: ['arn:aws:iam::000000000000:instance-profile/Profile'],
      }),
    ]);
  });

  test('customer managed policies: one default version, attachment and boundary counts from the template', () => {
    expect(details.policies).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:iam::000000000000:policy/boundary',
        awsManaged: false,
        attachmentCount: 1,
        permissionsBoundaryUsageCount: 1,
        versions: [expect.objectContaining({ versionId: 'v1', isDefault: true })],
      }),
    ]);
  });

  test('where things are written: resources, inline policies, attachments', () => {
    expect(facts.resources.find((r) => r.logicalId === 'Alice')).toEqual({
      logicalId: 'Alice',
      type: 'AWS::IAM::User',
      arn: 'arn:aws:iam::000000000000:user/alice',
      location: { file: 'infra/stack.yaml', line: 14, column: 3 },
      name: 'alice',
      conditions: [],
    });
    expect(facts.resources.find((r) => r.logicalId === 'Key')?.arn).toBeNull();
    expect(facts.inlinePolicies).toEqual([
      {
        principalArn: 'arn:aws:iam::000000000000:user/alice',
        policyName: 'read',
        location: expect.objectContaining({ line: 22 }),
        conditions: [],
      },
      {
        principalArn: 'arn:aws:iam::000000000000:user/someone-elses-user',
        policyName: 'app-inline',
        location: expect.objectContaining({ line: 48 }),
        conditions: [],
      },
      {
        principalArn: 'arn:aws:iam::000000000000:role/app/AppRole',
        policyName: 'app-inline',
        location: expect.objectContaining({ line: 48 }),
        conditions: [],
      },
      {
        principalArn: 'arn:aws:iam::000000000000:user/Bob',
        policyName: 'bob-inline',
        location: expect.objectContaining({ line: 55 }),
        conditions: [],
      },
    ]);
    expect(facts.managedPolicyAttachments).toEqual([
      {
        principalArn: 'arn:aws:iam::000000000000:group/admins',
        policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        location: { file: 'infra/stack.yaml', line: 13, column: 11 },
      },
      {
        principalArn: 'arn:aws:iam::000000000000:role/app/AppRole',
        policyArn: 'arn:aws:iam::000000000000:policy/boundary',
        location: expect.objectContaining({ line: 38 }),
      },
    ]);
  });

  test('access keys and outputs that expose their secret (GetAtt or Sub), exported or not', () => {
    expect(facts.accessKeys).toEqual([
      expect.objectContaining({
        logicalId: 'Key',
        userArn: 'arn:aws:iam::000000000000:user/Bob',
        userName: 'Bob',
        status: 'Active',
      }),
    ]);
    expect(facts.secretOutputs).toEqual([
      {
        outputName: 'Secret',
        accessKeyLogicalId: 'Key',
        exportName: 'prod-secret',
        location: expect.objectContaining({ line: 75 }),
      },
      {
        outputName: 'InSub',
        accessKeyLogicalId: 'Key',
        exportName: null,
        location: expect.objectContaining({ line: 78 }),
      },
    ]);
  });
});

describe('login profiles: where the password comes from', () => {
  function profileOf(passwordYaml: string, parameters = '', extra = '') {
    const text = `Parameters:
  Plain: {Type: String}
  Hidden: {Type: String, NoEcho: true}
  Defaulted: {Type: String, Default: ${SECRET}}
  HiddenDefaulted: {Type: String, NoEcho: true, Default: ${SECRET}}
${parameters}Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      UserName: admin
      LoginProfile:
        Password: ${passwordYaml}
${extra}`;
    return factsOf(snapshotFromTemplate(text)).loginProfiles[0]!;
  }

  test.each<[string, string, TemplatePasswordSource, string | null, number]>([
    ['a literal', `"${SECRET}"`, 'literal', null, 12],
    ['a literal number', '12345678', 'literal', null, 12],
    ['a parameter with a literal Default', '!Ref Defaulted', 'parameter-literal-default', 'Defaulted', 4],
    [
      'a NoEcho parameter with a literal Default is still a literal',
      '!Ref HiddenDefaulted',
      'parameter-literal-default',
      'HiddenDefaulted',
      5,
    ],
    [
      'a literal built with Sub from a defaulted parameter',
      '!Sub "x-${Defaulted}"',
      'parameter-literal-default',
      'Defaulted',
      4,
    ],
    ['a NoEcho parameter without Default', '!Ref Hidden', 'noecho', 'Hidden', 12],
    ['a parameter without Default or NoEcho', '!Ref Plain', 'symbolic', 'Plain', 12],
    [
      'Secrets Manager dynamic reference',
      '"{{resolve:secretsmanager:admin:SecretString:password}}"',
      'dynamic-reference',
      null,
      12,
    ],
    [
      'SSM SecureString dynamic reference',
      '"{{resolve:ssm-secure:/admin/password:1}}"',
      'dynamic-reference',
      null,
      12,
    ],
    [
      'dynamic reference inside Sub',
      '!Sub "{{resolve:secretsmanager:${AWS::StackName}-admin}}"',
      'dynamic-reference',
      null,
      12,
    ],
    ["another resource's attribute", '!GetAtt Secret.Value', 'symbolic', null, 12],
  ])('%s', (_name, password, source, parameter, line) => {
    const profile = profileOf(password);
    expect(profile.passwordSource).toBe(source);
    expect(profile.parameter).toBe(parameter);
    expect(profile.passwordLocation.line).toBe(line);
  });

  test.each<[string, string, boolean | null]>([
    ['absent', '', false],
    ['true', '        PasswordResetRequired: true\n', true],
    ['"true" (CloudFormation accepts the string)', '        PasswordResetRequired: "true"\n', true],
    ['false', '        PasswordResetRequired: false\n', false],
    ['a parameter without Default: unknown', '        PasswordResetRequired: !Ref Plain\n', null],
  ])('PasswordResetRequired %s', (_name, extra, expected) => {
    expect(profileOf('!Ref Hidden', '', extra).passwordResetRequired).toBe(expected);
  });

  test.each([
    ['false: the login profile does not exist', 'prod', []],
    [
      'true: the login profile is read, literal and all',
      'dev',
      [
        expect.objectContaining({
          passwordSource: 'literal',
          passwordLocation: expect.objectContaining({ line: 9 }),
        }),
      ],
    ],
  ])('a LoginProfile behind an If whose condition is %s', (_name, env, expected) => {
    const text = `Parameters:
  Env: {Type: String, Default: ${env}}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      LoginProfile: !If [IsDev, {Password: "${SECRET}"}, !Ref AWS::NoValue]
`;
    expect(factsOf(snapshotFromTemplate(text)).loginProfiles).toEqual(expected);
  });

  test('a condition on a secret parameter is decided by its Default, and the Default stays out of the snapshot', () => {
    const text = `Parameters:
  Pw: {Type: String, NoEcho: true, Default: ${SECRET}}
Conditions:
  HasPassword: !Not [!Equals [!Ref Pw, ""]]
Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      LoginProfile: !If [HasPassword, {Password: !Ref Pw}, !Ref AWS::NoValue]
`;
    const snapshot = snapshotFromTemplate(text);
    expect(factsOf(snapshot).loginProfiles).toEqual([
      expect.objectContaining({ passwordSource: 'parameter-literal-default', parameter: 'Pw' }),
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
  });

  test('a password (or a parameter a password uses) never reaches the snapshot, even where it is reused', () => {
    const text = `Parameters:
  Pw: {Type: String, Default: ${SECRET}}
  Hidden: {Type: String, NoEcho: true, Default: ${SECRET}-2}
Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      UserName: admin
      LoginProfile: {Password: !Ref Pw}
      Tags: [{Key: pw, Value: !Ref Pw}, {Key: hidden, Value: !Ref Hidden}]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub "arn:aws:s3:::\${Pw}"}]
  Other:
    Type: AWS::IAM::User
    Properties:
      LoginProfile: {Password: "${SECRET}-3"}
`;
    const serialized = JSON.stringify(snapshotFromTemplate(text));
    expect(serialized).not.toContain(SECRET);
    expect(serialized).toContain('<Pw>');
  });
});

test('the seed template: the admin user, its group with AdministratorAccess, the literal password at its line', () => {
  const text = readFileSync('fixtures/templates/seed/iam-admin-user.yaml', 'utf8');
  const snapshot = snapshotFromTemplate(text, 'fixtures/templates/seed/iam-admin-user.yaml');
  expect(detailsOf(snapshot).users).toEqual([
    expect.objectContaining({ name: 'admin', groups: ['administrators'] }),
  ]);
  expect(factsOf(snapshot).loginProfiles).toEqual([
    expect.objectContaining({
      passwordSource: 'literal',
      passwordResetRequired: true,
      passwordLocation: { file: 'fixtures/templates/seed/iam-admin-user.yaml', line: 22, column: 9 },
    }),
  ]);
});

test('attachment counts: a principal counts once per policy, however often it names it', () => {
  const snapshot = snapshotFromTemplate(
    [
      'Resources:',
      '  Shared: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {Statement: []}}}',
      '  Boundary: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {Statement: []}}}',
      '  Twice:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Statement: []}',
      '      ManagedPolicyArns: [!Ref Shared, !Ref Shared]',
      '      PermissionsBoundary: !Ref Boundary',
      '  Once:',
      '    Type: AWS::IAM::User',
      '    Properties: {ManagedPolicyArns: [!Ref Shared], PermissionsBoundary: !Ref Boundary}',
      '  Unbounded: {Type: AWS::IAM::Group, Properties: {ManagedPolicyArns: [!Ref Boundary]}}',
    ].join('\n'),
  );
  const counts = detailsOf(snapshot).policies.map(
    ({ name, attachmentCount, permissionsBoundaryUsageCount }) => ({
      name,
      attachmentCount,
      permissionsBoundaryUsageCount,
    }),
  );
  expect(counts).toEqual([
    { name: 'Shared', attachmentCount: 2, permissionsBoundaryUsageCount: 0 },
    { name: 'Boundary', attachmentCount: 1, permissionsBoundaryUsageCount: 2 },
  ]);
});
