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
const lambdaRole = role('fn', { trustPolicy: trustPolicy({ Service: ['lambda.amazonaws.com'] }) });
const deployer = inlinePolicy(
  'deploy',
  allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']),
);

describe('principal-privilege-escalation', () => {
  test.each<Case>([
    {
      name: 'a user who may mint keys for other users',
      users: [user('helpdesk', { inlinePolicies: [keys] })],
      expected: [
        [
          iamResource('user/helpdesk'),
          'User helpdesk can escalate its privileges with 1 known method: rsl-04 (Mint an access key for another user).',
          undefined,
        ],
      ],
    },
    {
      name: 'a role that may pass a Lambda role to code it writes',
      roles: [lambdaRole, role('ci', { inlinePolicies: [deployer] })],
      expected: [
        [
          iamResource('role/ci'),
          'Role ci can escalate its privileges with 1 known method: rsl-15 (Create a Lambda function with a role and invoke it).',
          undefined,
        ],
      ],
    },
    {
      name: 'the same with no Lambda role in the account yet: medium',
      roles: [role('ci', { inlinePolicies: [deployer] })],
      expected: [
        [
          iamResource('role/ci'),
          'Role ci can escalate its privileges with 1 known method: rsl-15 (Create a Lambda function with a role and invoke it), none usable yet (no role it may pass trusts lambda.amazonaws.com).',
          'medium',
        ],
      ],
    },
    {
      name: 'an Identity Center assignment with no organization data: conditional on the management account',
      users: [
        user('sso-admin', { inlinePolicies: [inlinePolicy('sso', allow(['sso:CreateAccountAssignment']))] }),
      ],
      expected: [
        [
          iamResource('user/sso-admin'),
          'User sso-admin can escalate its privileges with 1 known method: sso-assign-permission-set ' +
            '(Assign an existing (administrator) permission set to oneself in any account of the organization) ' +
            "if this is the organization's management account (organization data was not collected).",
          undefined,
        ],
      ],
    },
    {
      name: 'key self-service only',
      users: [
        user('alice', {
          inlinePolicies: [
            inlinePolicy('self', allow(['iam:CreateAccessKey'], [iamResource('user/${aws:username}')])),
          ],
        }),
      ],
      expected: [],
    },
    {
      name: 'already full admin (principal-full-admin reports it)',
      users: [user('admin', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      expected: [],
    },
    {
      name: 'groups are not principals that act: their members are reported',
      users: [user('member', { groups: ['helpdesk'] })],
      groups: [group('helpdesk', { inlinePolicies: [keys] })],
      expected: [
        [
          iamResource('user/member'),
          'User member can escalate its privileges with 1 known method: rsl-04 (Mint an access key for another user).',
          undefined,
        ],
      ],
    },
    {
      name: 'allowPrincipals',
      users: [user('helpdesk', { inlinePolicies: [keys] })],
      allowPrincipals: ['*:user/helpdesk'],
      expected: [],
    },
    {
      name: 'service-linked roles',
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

  test('evidence lists each method with, per action, the statement granting it', () => {
    const [finding] = runRule(
      principalPrivilegeEscalation,
      accountWith({ roles: [lambdaRole, role('ci', { inlinePolicies: [deployer] })] }),
    );
    expect(finding!.evidence).toEqual({
      methods: [
        {
          id: 'rsl-15',
          name: 'Create a Lambda function with a role and invoke it',
          severity: 'high',
          grantedBy: { 'iam:PassRole': 0, 'lambda:CreateFunction': 0, 'lambda:InvokeFunction': 0 },
          passableRoles: [lambdaRole.arn],
          sources: ['rhino#15', 'bishopfox', 'cloudsplaining', 'pmapper'],
        },
      ],
      grants: [
        { policy: { inlinePolicy: 'deploy', owner: iamResource('role/ci') }, statement: 0, resource: '*' },
      ],
    });
  });
});
