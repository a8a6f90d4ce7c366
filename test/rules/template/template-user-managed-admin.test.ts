import { templateUserManagedAdmin } from '../../../src/rules/template/template-user-managed-admin.js';
import { runRule } from '../../builders/rules.js';
import { snapshotFromTemplate } from '../../builders/template.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('template-user-managed-admin', () => {
  test.each<{
    name: string;
    resources: string;
    expected: Array<{ discriminator: string; message: string; line: number }>;
  }>([
    {
      name: 'attached to the user directly',
      resources: `  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      ManagedPolicyArns: [${ADMIN}]
`,
      expected: [
        { discriminator: ADMIN, message: 'User alice has AdministratorAccess attached directly.', line: 6 },
      ],
    },
    {
      name: 'through a group of the template (Groups property), in another partition via Sub',
      resources: `  Admins:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Admins]
`,
      expected: [
        {
          discriminator: `arn:aws:iam::000000000000:group/Admins ${ADMIN}`,
          message: 'User alice gets AdministratorAccess through group Admins.',
          line: 6,
        },
      ],
    },
    {
      name: 'through UserToGroupAddition',
      resources: `  Admins:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
      ManagedPolicyArns: [${ADMIN}]
  Bob:
    Type: AWS::IAM::User
  Join:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Admins
      Users: [!Ref Bob]
`,
      expected: [
        {
          discriminator: `arn:aws:iam::000000000000:group/admins ${ADMIN}`,
          message: 'User Bob gets AdministratorAccess through group admins.',
          line: 6,
        },
      ],
    },
    {
      name: 'a customer managed policy of the template that allows everything, attached through its Users',
      resources: `  Everything:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: everything
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
      Users: [!Ref Alice]
  Alice:
    Type: AWS::IAM::User
    Properties: {UserName: alice}
`,
      expected: [
        {
          discriminator: 'arn:aws:iam::000000000000:policy/everything',
          message: 'User alice has everything attached directly.',
          line: 7,
        },
      ],
    },
    {
      name: 'a customer managed policy whose only broad statement is on a resource only known at deploy time',
      resources: `  Parameters:
    Type: AWS::SSM::Parameter
  Narrow:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: !GetAtt Parameters.Arn}]}
      Users: [!Ref Alice]
  Alice:
    Type: AWS::IAM::User
`,
      expected: [],
    },
    {
      name: 'a role with AdministratorAccess is not a user (principal-full-admin covers roles)',
      resources: `  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns: [${ADMIN}]
`,
      expected: [],
    },
    {
      name: 'a policy whose ARN only resembles AdministratorAccess',
      resources: `  Alice:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess-Amplify, arn:aws:iam::123456789012:policy/AdministratorAccess]
`,
      expected: [],
    },
    {
      name: 'a group the user is not in',
      resources: `  Admins:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [${ADMIN}]
  Alice:
    Type: AWS::IAM::User
`,
      expected: [],
    },
  ])('$name', ({ resources, expected }) => {
    const findings = runRule(templateUserManagedAdmin, snapshotFromTemplate(`Resources:\n${resources}`));
    expect(
      findings.map((f) => ({ discriminator: f.discriminator, message: f.message, line: f.location?.line })),
    ).toEqual(expected);
  });
});
