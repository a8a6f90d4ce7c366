import { principalFullAdmin } from '../../../src/rules/policy/principal-full-admin.js';
import { loadDemoSnapshot } from '../../../src/snapshot/demo.js';
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
  expected: Array<[resource: string, message: string]>;
}

const adminsGroup = group('administrators', { attachedPolicies: [ADMINISTRATOR_ACCESS] });

describe('principal-full-admin', () => {
  test.each<Case>([
    {
      name: 'a user in an administrators group, and the group',
      users: [user('admin', { groups: ['administrators'] })],
      groups: [adminsGroup],
      expected: [
        [
          iamResource('user/admin'),
          'User admin has full admin (every action on every resource) through AdministratorAccess (via group administrators).',
        ],
        [
          iamResource('group/administrators'),
          'Group administrators has full admin (every action on every resource) through AdministratorAccess.',
        ],
      ],
    },
    {
      name: 'a user that becomes an admin role by assuming it (held by design, reported as full admin)',
      users: [user('ops')],
      roles: [
        role('admin', {
          trustPolicy: trustPolicy({ AWS: [iamResource('user/ops')] }),
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ],
      expected: [
        [
          iamResource('user/ops'),
          'User ops has full admin by assuming roles: user ops -> role admin (assume-role-trusted-by-arn).',
        ],
        [
          iamResource('role/admin'),
          'Role admin has full admin (every action on every resource) through AdministratorAccess.',
        ],
      ],
    },
    {
      name: 'a user that reaches admin only by abuse (a key of an admin user) is escalation, not full admin',
      users: [
        user('helpdesk', { inlinePolicies: [inlinePolicy('keys', allow(['iam:CreateAccessKey']))] }),
        user('boss', { attachedPolicies: [ADMINISTRATOR_ACCESS] }),
      ],
      expected: [
        [
          iamResource('user/boss'),
          'User boss has full admin (every action on every resource) through AdministratorAccess.',
        ],
      ],
    },
    {
      name: 'a role with an inline full-admin policy',
      roles: [role('deployer', { inlinePolicies: [inlinePolicy('all', allow(['*']))] })],
      expected: [
        [
          iamResource('role/deployer'),
          'Role deployer has full admin (every action on every resource) through inline policy all.',
        ],
      ],
    },
    {
      name: 'full admin only from the office network',
      users: [
        user('ops', {
          inlinePolicies: [
            inlinePolicy('office', {
              ...allow(['*']),
              Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
            }),
          ],
        }),
      ],
      expected: [
        [
          iamResource('user/ops'),
          'User ops has full admin (every action on every resource) through inline policy office when its conditions hold (aws:SourceIp).',
        ],
      ],
    },
    {
      name: 'a service-linked role is never reported',
      roles: [
        role('AWSServiceRoleForSupport', {
          path: '/aws-service-role/support.amazonaws.com/',
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ],
      expected: [],
    },
    {
      name: 'principals matching allowPrincipals are accepted',
      roles: [role('break-glass', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      allowPrincipals: ['arn:aws:iam::*:role/break-*'],
      expected: [],
    },
    {
      name: 'a developer with a few services',
      users: [user('dev', { inlinePolicies: [inlinePolicy('dev', allow(['s3:*', 'lambda:*']))] })],
      expected: [],
    },
  ])('$name', ({ users = [], groups = [], roles = [], allowPrincipals = [], expected }) => {
    const findings = runRule(principalFullAdmin, accountWith({ users, groups, roles }), { allowPrincipals });
    expect(findings.map((f) => [f.resource, f.message])).toEqual(expected);
  });

  test('evidence names the granting policy and how it is attached', () => {
    const [finding] = runRule(
      principalFullAdmin,
      accountWith({ users: [user('admin', { groups: ['administrators'] })], groups: [adminsGroup] }),
    );
    expect(finding!.evidence).toEqual({
      grantedBy: [
        {
          policy: { policyArn: ADMINISTRATOR_ACCESS.arn },
          attachedThrough: [iamResource('group/administrators')],
        },
      ],
    });
  });

  test('the demo account reports its admin user', () => {
    const demo = loadDemoSnapshot();
    const findings = runRule(principalFullAdmin, demo);
    expect(findings.map((f) => f.resource)).toContain(
      `arn:${demo.partition}:iam::${demo.accountId}:user/admin`,
    );
  });
});
