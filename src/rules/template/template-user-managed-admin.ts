import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { awsManagedPolicyName } from '../../policy/well-known-policies.js';
import { sectionData } from '../../snapshot/access.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { Finding } from '../types.js';
import { defineRule } from '../types.js';

/**
 * ARNs of the managed policies that are full admin on their own: customer managed policies of the
 * template whose document allows everything (as policy analysis judges it, conditional or not), and
 * AWS's AdministratorAccess (its document is not in a template; its ARN says what it is).
 */
function fullAdminPolicies(snapshot: Snapshot): (arn: string) => boolean {
  const customer = new Set(
    analyzeAccount(snapshot)
      .policyDocuments()
      .filter((entry) => entry.kind === 'managed' && entry.permissions.fullAdmin() !== null)
      .map((entry) => entry.resource),
  );
  return (arn) => customer.has(arn) || awsManagedPolicyName(arn) === 'AdministratorAccess';
}

export const templateUserManagedAdmin = defineRule({
  id: 'template-user-managed-admin',
  title: 'Templates do not give IAM users a full-admin managed policy',
  severity: 'high',
  needs: ['authorizationDetails', 'cloudFormation'],
  runsOn: 'template',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An IAM user has long-lived credentials (a password, access keys). A template that attaches ' +
      '`AdministratorAccess` (or another managed policy that allows everything) to a user, directly or ' +
      'through a group the template puts it in, creates an identity whose leaked password or key gives ' +
      'full control of the account, and it does so in code that is copied from project to project.\n\n' +
      "The finding points at the line that attaches the policy (the user's or the group's " +
      "`ManagedPolicyArns`, or the policy's `Users`/`Groups`).",
    remediation:
      'Give people access through IAM Identity Center or a role they assume with MFA, and give the ' +
      'user (or its group) only the permissions its job needs. If an administrator user must exist, ' +
      'create it outside the template, with MFA, and keep it out of day-to-day use.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const { users, groups } = sectionData(snapshot, 'authorizationDetails');
    const isFullAdmin = fullAdminPolicies(snapshot);
    return sectionData(snapshot, 'cloudFormation').templates.flatMap((template) => {
      const adminAttachments = template.managedPolicyAttachments.filter((a) => isFullAdmin(a.policyArn));
      const attachedTo = (principalArn: string) =>
        adminAttachments.filter((a) => a.principalArn === principalArn);
      return users.flatMap((user): Finding[] => {
        const direct = attachedTo(user.arn).map((attachment) => ({
          resource: user.arn,
          discriminator: attachment.policyArn,
          message: `User ${user.name} has ${policyName(attachment.policyArn)} attached directly.`,
          evidence: { policyArn: attachment.policyArn },
          location: attachment.location,
        }));
        const throughGroups = groups
          .filter((group) => user.groups.includes(group.name))
          .flatMap((group) =>
            attachedTo(group.arn).map((attachment) => ({
              resource: user.arn,
              discriminator: `${group.arn} ${attachment.policyArn}`,
              message: `User ${user.name} gets ${policyName(attachment.policyArn)} through group ${group.name}.`,
              evidence: { policyArn: attachment.policyArn, group: group.arn },
              location: attachment.location,
            })),
          );
        return [...direct, ...throughGroups];
      });
    });
  },
});

function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
