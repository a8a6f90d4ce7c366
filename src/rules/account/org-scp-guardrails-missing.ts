import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { ServiceControlPolicy } from '../../snapshot/schema.js';
import { isManagementAccountOrUnknown } from '../shared/guardrails.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

/** Root ids start with `r-`, OU ids with `ou-`; account ids are 12 digits. */
function isRootOrOu(targetId: string): boolean {
  return targetId.startsWith('r-') || targetId.startsWith('ou-');
}

/** FullAWSAccess, the only AWS managed SCP, allows everything: it is the default, not a guard rail. */
function isGuardRail(policy: ServiceControlPolicy): boolean {
  return !policy.awsManaged;
}

export const orgScpGuardrailsMissing = defineRule({
  id: 'org-scp-guardrails-missing',
  title: 'The organization limits its accounts with service control policies',
  severity: 'low',
  needs: ['organization', 'serviceControlPolicies'],
  options: z.object({}).strict(),
  // SCPs are the management account's to set: members cannot see them and standalone accounts have none.
  appliesTo: isManagementAccountOrUnknown,
  docs: {
    rationale:
      'Service control policies are the guard rails an organization puts above every account: deny ' +
      'leaving the organization, disabling CloudTrail, GuardDuty or Config, using unapproved regions, ' +
      'or creating IAM users with keys. No IAM policy inside a member account can lift them, so they ' +
      'hold even when an administrator of the account, or an attacker with its keys, wants otherwise. ' +
      'An organization whose root and OUs carry only the default `FullAWSAccess` has none.\n\n' +
      'Checked in the management account only (members cannot read SCPs; run `--org` to audit all ' +
      'accounts). Passes when a customer managed SCP is attached to the root or any OU; SCPs attached ' +
      'only to individual accounts are listed in the evidence but do not count, since new accounts ' +
      'would not get them.',
    remediation:
      'Write SCPs for the guard rails you need (AWS publishes examples) and attach them to the root or ' +
      'to OUs: `aws organizations create-policy --type SERVICE_CONTROL_POLICY ...` then `aws ' +
      'organizations attach-policy --policy-id p-... --target-id r-...`. Test them on a sandbox OU first.',
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
    ],
  },
  frameworks: cis({ v7: '2.1.2' }),
  check: ({ snapshot }) => {
    const organization = sectionData(snapshot, 'organization');
    if (!organization) return [];
    const { policies } = sectionData(snapshot, 'serviceControlPolicies');
    const guardRails = policies.filter(isGuardRail);
    if (guardRails.some((policy) => policy.targetIds.some(isRootOrOu))) return [];
    const accountOnly = guardRails
      .filter((policy) => policy.targetIds.length > 0)
      .map((policy) => policy.name);
    const resource = organization.arn || accountArn(snapshot);
    if (organization.featureSet === 'CONSOLIDATED_BILLING') {
      return [
        {
          resource,
          message:
            `Organization ${organization.id} has only consolidated billing enabled, so it cannot use SCPs: ` +
            'nothing above its accounts limits what they can do.',
          evidence: { featureSet: organization.featureSet },
        },
      ];
    }
    const onlyOnAccounts =
      accountOnly.length > 0
        ? ` (${joinWithAnd(accountOnly)} ${accountOnly.length === 1 ? 'is' : 'are'} attached to single accounts only)`
        : '';
    return [
      {
        resource,
        message:
          `Organization ${organization.id} attaches no SCP other than FullAWSAccess to its root or any OU${onlyOnAccounts}: ` +
          'nothing limits what new and existing accounts can do.',
        evidence: {
          policies: policies.map(({ name, awsManaged, targetIds }) => ({ name, awsManaged, targetIds })),
        },
      },
    ];
  },
});
