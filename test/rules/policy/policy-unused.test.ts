import { policyUnused } from '../../../src/rules/policy/policy-unused.js';
import type { ManagedPolicy, UserDetail } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy, user } from '../../builders/snapshot.js';

const policy = (overrides: Partial<ManagedPolicy> = {}) =>
  managedPolicy('orphan', doc(allow(['s3:GetObject'])), {
    attachmentCount: 0,
    permissionsBoundaryUsageCount: 0,
    ...overrides,
  });
const attached = { name: 'orphan', arn: iamResource('policy/orphan') };

describe('policy-unused', () => {
  test('is off by default (informational)', () => {
    expect(policyUnused.enabledByDefault).toBe(false);
  });

  test.each<{ name: string; policy: ManagedPolicy; users?: UserDetail[]; reported: boolean }>([
    { name: 'attached to nothing', policy: policy(), reported: true },
    {
      name: 'attached to a user',
      policy: policy(),
      users: [user('alice', { attachedPolicies: [attached] })],
      reported: false,
    },
    {
      name: 'a permissions boundary',
      policy: policy(),
      users: [user('alice', { permissionsBoundaryArn: attached.arn })],
      reported: false,
    },
    {
      name: 'IAM counts an attachment the snapshot does not show',
      policy: policy({ attachmentCount: 2 }),
      reported: false,
    },
    {
      name: 'AWS managed',
      policy: managedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess', null, { attachmentCount: 0 }),
      reported: false,
    },
  ])('$name', ({ policy: managed, users = [], reported }) => {
    const findings = runRule(policyUnused, accountWith({ policies: [managed], users }));
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      reported
        ? [
            [
              iamResource('policy/orphan'),
              'Policy orphan is attached to no user, group or role and is no permissions boundary.',
            ],
          ]
        : [],
    );
  });
});
