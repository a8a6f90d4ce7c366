import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const groupEmpty = defineRule({
  id: 'group-empty',
  title: 'Every IAM group has members',
  severity: 'info',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An empty group grants nothing today, but its policies wait for the next user someone adds to it, ' +
      'often without looking at what it allows. Removing unused groups keeps the account readable. ' +
      "Membership is taken from the users' group lists in GetAccountAuthorizationDetails.",
    remediation:
      'If the group is no longer needed, detach its managed policies, delete its inline policies and ' +
      'delete it (`aws iam delete-group`).',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_delete.html'],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const details = sectionData(snapshot, 'authorizationDetails');
    const groupsWithMembers = new Set(details.users.flatMap((user) => user.groups));
    return details.groups
      .filter((group) => !groupsWithMembers.has(group.name))
      .map((group) => ({
        resource: group.arn,
        message: `Group ${group.name} has no users.`,
        evidence: {
          inlinePolicies: group.inlinePolicies.map((policy) => policy.name),
          attachedPolicies: group.attachedPolicies.map((policy) => policy.arn),
        },
      }));
  },
});
