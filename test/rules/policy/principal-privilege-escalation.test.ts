// principal-privilege-escalation on the access graph: a path to full admin is high, a path to a
// node that can merely do more is medium, a target with no more than the start is nothing.
import { principalPrivilegeEscalation } from '../../../src/rules/policy/principal-privilege-escalation.js';
import type { GroupDetail, RoleDetail, UserDetail } from '../../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  accountWith,
  iamResource,
  inlinePolicy,
  trustPolicy,
} from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, group, role, user } from '../../builders/snapshot.js';

interface Case {
  name: string;
  users?: UserDetail[];
  groups?: GroupDetail[];
  roles?: RoleDetail[];
  allowPrincipals?: string[];
  expected: Array<[resource: string, message: string, severity: string | undefined]>;
}

const keys = inlinePolicy('keys', allow(['iam:CreateAccessKey']));
const lambdaTrust = trustPolicy({ Service: ['lambda.amazonaws.com'] });
const deployer = inlinePolicy(
  'deploy',
  allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']),
);
const boss = user('boss', { attachedPolicies: [ADMINISTRATOR_ACCESS] });

describe('principal-privilege-escalation', () => {
  test.each<Case>([
    {
      name: 'a user who may mint keys for an admin user',
      users: [user('helpdesk', { inlinePolicies: [keys] }), boss],
      expected: [
        [
          iamResource('user/helpdesk'),
          'User helpdesk can reach full admin in 1 hop: user helpdesk -> user boss (rsl-04).',
          undefined,
        ],
      ],
    },
    {
      name: 'minting keys for users with no more than itself',
      users: [user('helpdesk', { inlinePolicies: [keys] }), user('intern')],
      expected: [],
    },
    {
      name: 'a role that may pass an admin Lambda role to code it writes',
      roles: [
        role('fn', { trustPolicy: lambdaTrust, attachedPolicies: [ADMINISTRATOR_ACCESS] }),
        role('ci', { inlinePolicies: [deployer] }),
      ],
      expected: [
        [
          iamResource('role/ci'),
          'Role ci can reach full admin in 1 hop: role ci -> role fn (rsl-15).',
          undefined,
        ],
      ],
    },
    {
      name: 'passing a role that can only read a bucket: more, not admin (medium)',
      roles: [
        role('fn', {
          trustPolicy: lambdaTrust,
          inlinePolicies: [inlinePolicy('s3', allow(['s3:GetObject']))],
        }),
        role('ci', { inlinePolicies: [deployer] }),
      ],
      expected: [
        [
          iamResource('role/ci'),
          'Role ci can reach more permissions (role fn) in 1 hop: role ci -> role fn (rsl-15).',
          'medium',
        ],
      ],
    },
    {
      name: 'with no Lambda role in the account: nothing to reach',
      roles: [role('ci', { inlinePolicies: [deployer] })],
      expected: [],
    },
    {
      name: 'key self-service only',
      users: [
        user('alice', {
          inlinePolicies: [
            inlinePolicy('self', allow(['iam:CreateAccessKey'], [iamResource('user/${aws:username}')])),
          ],
        }),
        boss,
      ],
      expected: [],
    },
    {
      name: 'already full admin (principal-full-admin reports it)',
      users: [boss],
      expected: [],
    },
    {
      name: 'groups are not principals that act: their members are reported',
      users: [user('member', { groups: ['helpdesk'] }), boss],
      groups: [group('helpdesk', { inlinePolicies: [keys] })],
      expected: [
        [
          iamResource('user/member'),
          'User member can reach full admin in 1 hop: user member -> user boss (rsl-04).',
          undefined,
        ],
      ],
    },
    {
      name: 'allowPrincipals',
      users: [user('helpdesk', { inlinePolicies: [keys] }), boss],
      allowPrincipals: ['*:user/helpdesk'],
      expected: [],
    },
    {
      name: 'service-linked roles',
      users: [boss],
      roles: [
        role('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/', inlinePolicies: [keys] }),
      ],
      expected: [],
    },
  ])('$name', ({ users = [], groups = [], roles = [], allowPrincipals = [], expected }) => {
    const findings = runRule(principalPrivilegeEscalation, accountWith({ users, groups, roles }), {
      allowPrincipals,
    });
    expect(findings.map((f) => [f.resource, f.message, f.severity])).toEqual(expected);
  });

  test('evidence holds each hop with the statements that allow it', () => {
    const [finding] = runRule(
      principalPrivilegeEscalation,
      accountWith({
        roles: [
          role('fn', { trustPolicy: lambdaTrust, attachedPolicies: [ADMINISTRATOR_ACCESS] }),
          role('ci', { inlinePolicies: [deployer] }),
        ],
      }),
    );
    const statement = (action: string) => ({
      action,
      policy: { inlinePolicy: 'deploy', owner: iamResource('role/ci') },
      statementIndex: 0,
      resource: '*',
    });
    expect(finding!.evidence).toEqual({
      path: {
        to: iamResource('role/fn'),
        admin: true,
        hops: [
          {
            from: iamResource('role/ci'),
            to: iamResource('role/fn'),
            method: 'rsl-15',
            methodName: 'Create a Lambda function with a role and invoke it',
            kind: 'pass-role',
            actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
            statements: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'].map(statement),
          },
        ],
      },
    });
  });
});
