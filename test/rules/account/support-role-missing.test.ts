import { supportRoleMissing } from '../../../src/rules/account/support-role-missing.js';
import type { AttachedPolicy } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { group, role, user } from '../../builders/snapshot.js';

const support = (arn: string): AttachedPolicy => ({ name: 'AWSSupportAccess', arn });

describe('support-role-missing', () => {
  test.each<{ name: string; snapshot: ReturnType<typeof accountWith>; reported: boolean }>([
    {
      name: 'nobody has AWSSupportAccess',
      snapshot: accountWith({ users: [user('alice')], roles: [role('app')] }),
      reported: true,
    },
    {
      name: 'a role has it',
      snapshot: accountWith({
        roles: [role('support', { attachedPolicies: [support('arn:aws:iam::aws:policy/AWSSupportAccess')] })],
      }),
      reported: false,
    },
    {
      name: 'a group has it, in GovCloud',
      snapshot: accountWith({
        groups: [
          group('support', {
            attachedPolicies: [support('arn:aws-us-gov:iam::aws:policy/AWSSupportAccess')],
          }),
        ],
      }),
      reported: false,
    },
    {
      name: 'only a customer policy of the same name',
      snapshot: accountWith({
        users: [user('alice', { attachedPolicies: [support(iamResource('policy/AWSSupportAccess'))] })],
      }),
      reported: true,
    },
  ])('$name', ({ snapshot, reported }) => {
    expect(runRule(supportRoleMissing, snapshot).map((f) => [f.resource, f.message])).toEqual(
      reported
        ? [
            [
              iamResource('root'),
              'No user, group or role has AWSSupportAccess attached, so nobody is set up to manage AWS Support cases.',
            ],
          ]
        : [],
    );
  });
});
