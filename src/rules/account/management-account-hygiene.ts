import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { globMatch } from '../../util/glob.js';
import { activeAccessKeys, hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { isManagementAccountOrUnknown } from '../shared/guardrails.js';
import type { Finding } from '../types.js';
import { defineRule } from '../types.js';

/**
 * The organization-wide security services AWS's Security Reference Architecture runs from a
 * security tooling account rather than the management account.
 */
const SECURITY_SERVICES = [
  'access-analyzer.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'guardduty.amazonaws.com',
  'securityhub.amazonaws.com',
];

export const managementAccountHygiene = defineRule({
  id: 'management-account-hygiene',
  title: 'The management account runs no IAM users and delegates the security services',
  severity: 'medium',
  needs: ['organization', 'credentialReport', 'delegatedAdministrators'],
  appliesTo: isManagementAccountOrUnknown,
  options: z
    .object({
      breakGlassUsers: z
        .array(z.string())
        .default([])
        .describe('IAM user names (globs) kept for break-glass access: their credentials are not reported'),
      securityServices: z
        .array(z.string())
        .default(SECURITY_SERVICES)
        .describe('Service principals that must each have a delegated administrator'),
    })
    .strict(),
  docs: {
    rationale:
      "The management account is the organization's most powerful account and the one no SCP " +
      'restrains. Every IAM user with a password or an access key there, and every service run ' +
      'from there, is a way into all accounts at once. CIS asks that it is not used for ' +
      'workloads and that the services integrated with Organizations are administered by ' +
      'delegated administrator member accounts.\n\n' +
      'Only the management account is judged (the organization section tells which it is); in ' +
      'any other account the rule does not apply. Two kinds of findings: each IAM user with a ' +
      'console password or an active access key (credential report), except the users named in ' +
      '`breakGlassUsers`; and each service of `securityServices` with no delegated administrator ' +
      '(`organizations:ListDelegatedAdministrators` and `ListDelegatedServicesForAccount`). Remove ' +
      'from `securityServices` a service the organization does not use.',
    remediation:
      'Move people to IAM Identity Center and workloads to member accounts, then delete the ' +
      "management account's IAM users (keep documented break-glass users with hardware MFA). " +
      'Register a security tooling account as delegated administrator of each service: for ' +
      'example `aws guardduty enable-organization-admin-account --admin-account-id ID`, `aws ' +
      'securityhub enable-organization-admin-account --admin-account-id ID`, `aws organizations ' +
      'register-delegated-administrator --account-id ID --service-principal ' +
      'access-analyzer.amazonaws.com`.',
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html',
      'https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html',
    ],
  },
  // 2.1.3 (not used for workloads: its IAM users) and 2.1.6 (delegated admins for integrated services).
  frameworks: { 'cis-aws-7.0': ['2.1.3', '2.1.6'] },
  check: ({ snapshot, options }) => {
    const breakGlass = (user: string) => options.breakGlassUsers.some((glob) => globMatch(glob, user));
    const userFindings: Finding[] = iamUserRows(sectionData(snapshot, 'credentialReport'))
      .filter((row) => !breakGlass(row.user))
      .flatMap((row) => {
        const credentials = [
          ...(hasConsolePassword(row) ? ['a console password'] : []),
          ...(activeAccessKeys(row).length > 0 ? ['an active access key'] : []),
        ];
        if (credentials.length === 0) return [];
        return [
          {
            resource: row.arn,
            message:
              `${row.user} has ${credentials.join(' and ')} in the organization's management account, ` +
              'which should hold no IAM users besides break-glass ones.',
          },
        ];
      });
    const delegated = new Set(
      sectionData(snapshot, 'delegatedAdministrators').flatMap((admin) => admin.servicePrincipals),
    );
    const serviceFindings: Finding[] = options.securityServices
      .filter((service) => !delegated.has(service))
      .map((service) => ({
        resource: accountArn(snapshot),
        discriminator: service,
        message: `No member account is delegated administrator of ${service}: it is run from the management account, if at all.`,
      }));
    return [...userFindings, ...serviceFindings];
  },
});
