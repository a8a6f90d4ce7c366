import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const userNotInGroup = defineRule({
  id: 'user-not-in-group',
  title: 'Every IAM user belongs to at least one group',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Groups are how an account says what a kind of user may do. A user in no group either has ' +
      'permissions of its own (see `user-direct-policies`) or none at all, which usually means a ' +
      'forgotten or half-removed identity.',
    remediation:
      'Add the user to the group for its job function (`aws iam add-user-to-group`), or delete the user ' +
      'if nobody needs it.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'authorizationDetails')
      .users.filter((user) => user.groups.length === 0)
      .map((user) => ({
        resource: user.arn,
        message: `${user.name} is in no IAM group.`,
        evidence: {
          inlinePolicies: user.inlinePolicies.length,
          attachedPolicies: user.attachedPolicies.length,
        },
      })),
});
