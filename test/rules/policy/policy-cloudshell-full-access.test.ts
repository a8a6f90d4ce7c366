import { policyCloudshellFullAccess } from '../../../src/rules/policy/policy-cloudshell-full-access.js';
import type { AttachedPolicy } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { group, role, user } from '../../builders/snapshot.js';

const cloudShell = (partition = 'aws'): AttachedPolicy => ({
  name: 'AWSCloudShellFullAccess',
  arn: `arn:${partition}:iam::aws:policy/AWSCloudShellFullAccess`,
});

describe('policy-cloudshell-full-access', () => {
  test('reports each user, group and role it is attached to, in any partition', () => {
    const snapshot = accountWith({
      users: [user('alice', { attachedPolicies: [cloudShell()] }), user('bob')],
      groups: [group('ops', { attachedPolicies: [cloudShell('aws-us-gov')] })],
      roles: [role('admin', { attachedPolicies: [cloudShell()] })],
    });
    expect(runRule(policyCloudshellFullAccess, snapshot).map((f) => [f.resource, f.message])).toEqual([
      [iamResource('user/alice'), 'User alice has AWSCloudShellFullAccess attached.'],
      [iamResource('group/ops'), 'Group ops has AWSCloudShellFullAccess attached.'],
      [iamResource('role/admin'), 'Role admin has AWSCloudShellFullAccess attached.'],
    ]);
  });

  test.each([
    [
      'a customer policy with the same name',
      { name: 'AWSCloudShellFullAccess', arn: iamResource('policy/AWSCloudShellFullAccess') },
    ],
    ['the read-only CloudShell policy', { name: 'x', arn: 'arn:aws:iam::aws:policy/AWSCloudShellReadOnly' }],
  ])('does not report %s', (_name, attached) => {
    expect(
      runRule(
        policyCloudshellFullAccess,
        accountWith({ users: [user('alice', { attachedPolicies: [attached] })] }),
      ),
    ).toEqual([]);
  });

  test('does not report service-linked roles', () => {
    const linked = role('AWSServiceRoleForX', {
      path: '/aws-service-role/x.amazonaws.com/',
      attachedPolicies: [cloudShell()],
    });
    expect(runRule(policyCloudshellFullAccess, accountWith({ roles: [linked] }))).toEqual([]);
  });
});
