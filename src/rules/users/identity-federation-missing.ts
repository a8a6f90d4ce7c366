import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { IdentityProvider } from '../../snapshot/schema.js';
import { joinWithAnd, plural } from '../../util/words.js';
import { hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { allowedCountOption } from '../shared/options.js';
import { cis, defineRule } from '../types.js';

/**
 * OIDC issuers that sign in workloads, not people: GitHub Actions and EKS service accounts. An IAM
 * OIDC provider for them federates no workforce, so it does not count as central identity.
 */
const WORKLOAD_OIDC_ISSUERS = [
  /^token\.actions\.githubusercontent\.com$/,
  /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\//,
];

/** The issuer an OIDC provider's ARN names: everything after `oidc-provider/`. */
function issuerOf(provider: IdentityProvider): string {
  return provider.arn.slice(provider.arn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
}

function isWorkloadIssuer(provider: IdentityProvider): boolean {
  return WORKLOAD_OIDC_ISSUERS.some((pattern) => pattern.test(issuerOf(provider)));
}

export const identityFederationMissing = defineRule({
  id: 'identity-federation-missing',
  title: 'People sign in through central identity, not IAM users',
  severity: 'medium',
  needs: ['samlProviders', 'oidcProviders', 'credentialReport'],
  options: z
    .object({
      maxConsoleUsers: allowedCountOption(
        0,
        'IAM users with a console password allowed when no identity provider exists (break-glass users); exactly this many is not reported',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'People who sign in as IAM users each have a password (and keys) in every account they use, ' +
      'joiners and leavers are handled account by account, and nobody sees who can reach what. ' +
      'Central identity (an external identity provider federated through SAML or OIDC, or IAM ' +
      'Identity Center) keeps one identity per person, removed once when they leave, and gives ' +
      'short-lived role sessions instead of stored credentials. CIS asks that no IAM users ' +
      'representing individuals remain outside the account that manages identities centrally.\n\n' +
      'Passes when the account has an IAM SAML provider (IAM Identity Center creates one in each ' +
      'account it provisions permission sets to) or an OIDC provider for a workforce directory; ' +
      'OIDC providers for GitHub Actions (`token.actions.githubusercontent.com`) and EKS service ' +
      'accounts (`oidc.eks.REGION.amazonaws.com/...`) sign in workloads and do not count. ' +
      'Otherwise the IAM users with a console password (credential report `password_enabled`) are ' +
      'counted: more than `maxConsoleUsers` is a finding listing them. The benchmark allows none; ' +
      'raise the option to keep one or two break-glass users, and the CIS control then says it ' +
      'is judged more loosely than the benchmark.',
    remediation:
      'Connect your directory to IAM Identity Center (or federate it with an IAM SAML provider), ' +
      'give people permission sets or roles, then delete the IAM users that represent people ' +
      '(`aws iam delete-login-profile`, `aws iam delete-user`), keeping only documented ' +
      'break-glass users with hardware MFA.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp',
    ],
  },
  frameworks: cis({ v3: '1.21', v4: '1.21', v5: '1.20', v6: '2.20', v7: '2.19' }),
  check: ({ snapshot, options }) => {
    const saml = sectionData(snapshot, 'samlProviders');
    const oidc = sectionData(snapshot, 'oidcProviders');
    if (saml.length > 0 || oidc.some((provider) => !isWorkloadIssuer(provider))) return [];
    const consoleUsers = iamUserRows(sectionData(snapshot, 'credentialReport'))
      .filter(hasConsolePassword)
      .map((row) => row.user);
    if (consoleUsers.length <= options.maxConsoleUsers) return [];
    return [
      {
        resource: accountArn(snapshot),
        message:
          `Account ${snapshot.accountId} has no SAML or workforce OIDC identity provider, and ` +
          `${plural(consoleUsers.length, 'IAM user')} ${consoleUsers.length === 1 ? 'signs' : 'sign'} in to ` +
          'the console with a password ' +
          `(allowed: ${options.maxConsoleUsers}): ${joinWithAnd(consoleUsers)}.`,
        evidence: { consoleUsers, workloadOidcProviders: oidc.map((provider) => provider.arn) },
      },
    ];
  },
});
