import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { defineRule } from '../types.js';

export const policyUnused = defineRule({
  id: 'policy-unused',
  title: 'Customer managed policies are attached to something or deleted',
  severity: 'info',
  needs: ['authorizationDetails'],
  enabledByDefault: false,
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A customer managed policy attached to nothing grants nothing today, but it is one ' +
      '`attach-*-policy` call away from granting again, and nobody reviews what it says. Deleting ' +
      'unused policies keeps the set that needs reviewing small.\n\n' +
      'A policy counts as used when the snapshot shows it attached to a user, group or role or set as a ' +
      'permissions boundary, or when IAM reports a non-zero `AttachmentCount` or ' +
      '`PermissionsBoundaryUsageCount`. Off by default: informational.',
    remediation:
      'Check the policy is not meant for a principal created on demand (by a pipeline or an SSO ' +
      'permission set), then delete it: `aws iam delete-policy` after deleting its non-default versions.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html'],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const { details } = analyzeAccount(snapshot);
    const referenced = new Set<string>();
    for (const principal of [...details.users, ...details.groups, ...details.roles]) {
      for (const policy of principal.attachedPolicies) referenced.add(policy.arn);
    }
    for (const principal of [...details.users, ...details.roles]) {
      if (principal.permissionsBoundaryArn) referenced.add(principal.permissionsBoundaryArn);
    }
    return details.policies.flatMap((policy) => {
      if (policy.awsManaged || referenced.has(policy.arn)) return [];
      if ((policy.attachmentCount ?? 0) > 0 || (policy.permissionsBoundaryUsageCount ?? 0) > 0) return [];
      return [
        {
          resource: policy.arn,
          message: `Policy ${policy.name} is attached to no user, group or role and is no permissions boundary.`,
          evidence: {
            attachmentCount: policy.attachmentCount,
            permissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
          },
        },
      ];
    });
  },
});
