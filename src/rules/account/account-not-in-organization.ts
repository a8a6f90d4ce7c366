import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const accountNotInOrganization = defineRule({
  id: 'account-not-in-organization',
  title: 'The account is a member of an AWS Organization',
  severity: 'medium',
  needs: ['organization'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An account outside AWS Organizations has no guard rails above it: no service control policy ' +
      'can stop its administrators (or an attacker holding their keys) from disabling logging or ' +
      'leaving a region, its root credentials cannot be managed centrally, and it is easily forgotten ' +
      'by the teams that watch the others.\n\n' +
      'Read with `organizations:DescribeOrganization`; `AWSOrganizationsNotInUseException` is how AWS ' +
      'says the account is standalone, which iamspect reports here rather than as an error.',
    remediation:
      'Invite the account into your organization from the management account (`aws organizations ' +
      'invite-account-to-organization --target Id=<account id>,Type=ACCOUNT`) and accept the ' +
      'invitation in the account, or create an organization if you have none.',
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_invites.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-2',
    ],
  },
  frameworks: { 'aws-security-hub': ['Account.2'] },
  check: ({ snapshot }) => {
    if (sectionData(snapshot, 'organization') !== null) return [];
    return [
      {
        resource: accountArn(snapshot),
        message: `Account ${snapshot.accountId} is not a member of an AWS Organization: no SCP limits it.`,
      },
    ];
  },
});
