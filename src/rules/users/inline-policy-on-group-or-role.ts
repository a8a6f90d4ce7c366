import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { isServiceLinkedRole } from '../shared/principals.js';
import { defineRule } from '../types.js';

/** How a message names the holder: "Group admins", "Role app". */
const KIND_LABEL = { group: 'Group', role: 'Role' } as const;

export const inlinePolicyOnGroupOrRole = defineRule({
  id: 'inline-policy-on-group-or-role',
  title: 'Groups and roles use managed policies rather than inline ones',
  severity: 'info',
  enabledByDefault: false,
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An inline policy lives inside one group or role: it has no version history, cannot be reused or ' +
      'reviewed on its own, and is easy to overlook when auditing who may do what. Managed policies are ' +
      'versioned and visible in one place. Inline policies have legitimate uses (a strict one-to-one ' +
      'grant that must disappear with its role), so this rule is informational and off by default. ' +
      'Service-linked roles are skipped: AWS owns their policies. Inline policies on users are reported ' +
      'by `user-direct-policies`. One finding per policy, with the policy name as discriminator.',
    remediation:
      'Create a customer managed policy with the same document, attach it, then delete the inline ' +
      'policy (`aws iam delete-group-policy` / `aws iam delete-role-policy`).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-using.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const details = sectionData(snapshot, 'authorizationDetails');
    const holders = [
      ...details.groups.map((group) => ({
        kind: 'group' as const,
        name: group.name,
        arn: group.arn,
        policies: group.inlinePolicies,
      })),
      ...details.roles
        .filter((role) => !isServiceLinkedRole(role))
        .map((role) => ({
          kind: 'role' as const,
          name: role.name,
          arn: role.arn,
          policies: role.inlinePolicies,
        })),
    ];
    return holders.flatMap((holder) =>
      holder.policies.map((policy) => ({
        resource: holder.arn,
        discriminator: policy.name,
        message: `${KIND_LABEL[holder.kind]} ${holder.name} has inline policy ${policy.name}.`,
        evidence: { policyName: policy.name, statements: policy.document.Statement.length },
        subject: { kind: holder.kind, name: holder.name, policy: policy.name },
      })),
    );
  },
});
