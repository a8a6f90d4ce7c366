import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { statementId, trustedRoles } from '../shared/policy-findings.js';
import { accountOfPrincipal, constrainedKeys, requiredValues, requiresMfa } from '../../policy/trust.js';
import type { TrustStatement } from '../../policy/trust.js';
import { sectionData } from '../../snapshot/access.js';
import type { Organization } from '../../snapshot/schema.js';
import { plural, joinWithAnd } from '../../util/words.js';
import { defineRule } from '../types.js';

/** Does the statement only admit principals of this organization (aws:PrincipalOrgID / OrgPaths)? */
function limitedToOrganization(statement: TrustStatement, organization: Organization | null): boolean {
  if (!organization) return false;
  const ids = requiredValues(statement.condition, 'aws:PrincipalOrgID');
  const paths = requiredValues(statement.condition, 'aws:PrincipalOrgPaths');
  return ids.includes(organization.id) || paths.some((path) => path.startsWith(`${organization.id}/`));
}

export const roleTrustCrossAccount = defineRule({
  id: 'role-trust-cross-account',
  title: 'Roles trusting another account require an external id or MFA',
  severity: 'medium',
  needs: ['authorizationDetails', 'organization'],
  templateNeeds: ['authorizationDetails'],
  runsOn: 'both',
  options: z
    .object({
      trustedAccounts: z
        .array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))
        .default([])
        .describe(
          'Account ids this account may trust without sts:ExternalId or MFA: your other accounts, known partners.',
        ),
    })
    .strict(),
  docs: {
    rationale:
      'A role that trusts another account lets anyone that account authorizes assume it. For a third ' +
      'party (a SaaS vendor, a contractor) the role must require the `sts:ExternalId` the vendor gave ' +
      "you, or the vendor's other customers can trick it into using your role (the confused deputy " +
      'problem); for people, requiring MFA keeps a stolen access key from being enough.\n\n' +
      'Reported: trust statements naming an account (`123456789012`, `arn:aws:iam::123456789012:root`, a ' +
      'user or role ARN of it) other than this account, the management account of its organization and ' +
      'the `trustedAccounts` option, without a positive `sts:ExternalId`, `aws:MultiFactorAuthPresent` ' +
      '(true) or `aws:MultiFactorAuthAge` condition, and not limited to the organization by ' +
      '`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`. The snapshot knows the organization but not its ' +
      'member accounts, so list the members this account should trust in `trustedAccounts`. For a ' +
      'standalone account any other account counts. In a template (`iamspect template`) any account ' +
      'other than its own (`AWS::AccountId`, or `--account-id`) counts, and the message says that ' +
      'organization membership is unknown. `"Principal": "*"` is role-trust-any-principal\'s ' +
      'business. Service-linked roles are never reported.',
    remediation:
      'For a vendor, add `"Condition": {"StringEquals": {"sts:ExternalId": "<id the vendor gave you>"}}`. ' +
      'For people in another account of yours, add `"Bool": {"aws:MultiFactorAuthPresent": "true"}` or ' +
      'limit the trust with `aws:PrincipalOrgID`, and list the account in `trustedAccounts`.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, options, notEvaluated }) => {
    // A template holds no organization data: membership of the accounts it trusts is unknown.
    const template = snapshot.source.kind === 'template';
    const organization = template ? null : sectionData(snapshot, 'organization');
    const trusted = new Set([snapshot.accountId, ...options.trustedAccounts]);
    if (organization) trusted.add(organization.managementAccountId);
    return trustedRoles(analyzeAccount(snapshot), notEvaluated).flatMap(({ role, statements }) => {
      const accounts = new Set<string>();
      const reported: Array<string | number> = [];
      for (const statement of statements) {
        if (requiresMfa(statement.condition) || constrainedKeys(statement.condition).has('sts:externalid'))
          continue;
        if (limitedToOrganization(statement, organization)) continue;
        const foreign = statement.aws.flatMap((principal) => {
          const account = accountOfPrincipal(principal);
          return account && !trusted.has(account) ? [account] : [];
        });
        if (foreign.length === 0) continue;
        foreign.forEach((account) => accounts.add(account));
        reported.push(statementId(statement));
      }
      if (accounts.size === 0) return [];
      const sorted = [...accounts].sort();
      const where = template
        ? 'whose organization membership a template cannot tell'
        : organization
          ? `not known to be in organization ${organization.id}`
          : 'while this account is in no organization';
      return [
        {
          resource: role.arn,
          message:
            `Role ${role.name} trusts ${plural(sorted.length, 'other account')} (${joinWithAnd(sorted)}), ` +
            `${where}, without requiring sts:ExternalId or MFA.`,
          evidence: { accounts: sorted, statements: reported, organization: organization?.id ?? null },
        },
      ];
    });
  },
});
