import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { plural, joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

export const userDirectPolicies = defineRule({
  id: 'user-direct-policies',
  title: 'IAM users get permissions only through groups or roles',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Permissions attached to individual users drift: each user ends up with a slightly different set, ' +
      "nobody can say who may do what without reading every user, and leavers' rights are forgotten. " +
      'Granting through groups (or roles) keeps access a matter of membership. Both inline user policies ' +
      'and managed policies attached directly to the user are reported.',
    remediation:
      'Create a group per job function with the needed policies, add the user to it, then remove the ' +
      "user's inline policies (`aws iam delete-user-policy`) and detach its managed policies " +
      '(`aws iam detach-user-policy`).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.15', v4: '1.15', v5: '1.14', v6: '2.14', v7: '2.13' }),
    'aws-security-hub': ['IAM.2'],
  },
  check: ({ snapshot }) =>
    sectionData(snapshot, 'authorizationDetails').users.flatMap((user) => {
      const inline = user.inlinePolicies.map((policy) => policy.name);
      const attached = user.attachedPolicies.map((policy) => policy.name);
      if (inline.length === 0 && attached.length === 0) return [];
      const parts: string[] = [];
      if (inline.length > 0)
        parts.push(`${plural(inline.length, 'inline policy', 'inline policies')} (${inline.join(', ')})`);
      if (attached.length > 0) {
        parts.push(
          `${plural(attached.length, 'directly attached managed policy', 'directly attached managed policies')} (${attached.join(', ')})`,
        );
      }
      return [
        {
          resource: user.arn,
          message: `${user.name} has ${joinWithAnd(parts)}.`,
          evidence: {
            inlinePolicies: inline,
            attachedPolicies: user.attachedPolicies.map((policy) => policy.arn),
          },
        },
      ];
    }),
});
