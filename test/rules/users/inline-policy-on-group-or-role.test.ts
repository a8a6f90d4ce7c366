import { inlinePolicyOnGroupOrRole } from '../../../src/rules/users/inline-policy-on-group-or-role.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  allow,
  doc,
  emptySnapshot,
  group,
  role,
  user,
  withAuthorizationDetails,
} from '../../builders/snapshot.js';

const inline = (name: string) => ({ name, document: doc(allow(['s3:GetObject'])) });

describe('inline-policy-on-group-or-role', () => {
  test('is off by default', () => {
    expect(inlinePolicyOnGroupOrRole.enabledByDefault).toBe(false);
  });

  test.each([
    {
      name: 'group with an inline policy',
      details: { groups: [group('devs', { inlinePolicies: [inline('s3-read')] })] },
      expected: [[`arn:aws:iam::${ACCOUNT}:group/devs`, 's3-read', 'Group devs has inline policy s3-read.']],
    },
    {
      name: 'role with two inline policies: one finding each',
      details: { roles: [role('app', { inlinePolicies: [inline('a'), inline('b')] })] },
      expected: [
        [`arn:aws:iam::${ACCOUNT}:role/app`, 'a', 'Role app has inline policy a.'],
        [`arn:aws:iam::${ACCOUNT}:role/app`, 'b', 'Role app has inline policy b.'],
      ],
    },
    {
      name: 'service-linked role: AWS owns its policies',
      details: {
        roles: [
          role('AWSServiceRoleForSupport', {
            path: '/aws-service-role/support.amazonaws.com/',
            inlinePolicies: [inline('x')],
          }),
        ],
      },
      expected: [],
    },
    {
      name: 'user inline policies are for user-direct-policies',
      details: { users: [user('alice', { inlinePolicies: [inline('x')] })] },
      expected: [],
    },
    {
      name: 'managed policies only',
      details: { groups: [group('devs')], roles: [role('app')] },
      expected: [],
    },
  ])('$name', ({ details, expected }) => {
    const findings = runRule(inlinePolicyOnGroupOrRole, withAuthorizationDetails(emptySnapshot(), details));
    expect(findings.map((f) => [f.resource, f.discriminator, f.message])).toEqual(expected);
  });
});
