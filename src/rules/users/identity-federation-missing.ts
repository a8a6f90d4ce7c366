import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { IdentityCenterRegion, IdentityProvider, Snapshot } from '../../snapshot/schema.js';
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

/** An instance still being created, or failed, or being deleted, signs nobody in. */
function signsPeopleIn(instance: IdentityCenterRegion['instances'][number]): boolean {
  return instance.status === null || instance.status === 'ACTIVE';
}

/**
 * What the account's Identity Center data says: an instance that signs people in, none in any
 * region, or why that is unknown (the section not collected, or regions that refused the read).
 */
type IdentityCenterAnswer = { kind: 'instance' } | { kind: 'none' } | { kind: 'unknown'; why: string };

function identityCenter(snapshot: Snapshot): IdentityCenterAnswer {
  const section = snapshot.sections.identityCenterInstances;
  if (section?.status !== 'ok' || section.data === undefined) {
    const why = section?.error?.message ?? `${section?.status ?? 'not collected'}`;
    return { kind: 'unknown', why: `IAM Identity Center instances were not read (${why})` };
  }
  const regions = section.data as IdentityCenterRegion[];
  const instance = regions.flatMap((region) => region.instances).find(signsPeopleIn);
  if (instance) return { kind: 'instance' };
  const unread = regions.filter((region) => region.unread !== null);
  if (unread.length === 0) return { kind: 'none' };
  const named = unread.map((region) => `${region.region} (${region.unread!.code})`);
  return {
    kind: 'unknown',
    why: `sso:ListInstances was refused in ${joinWithAnd(named)} and no instance was found elsewhere`,
  };
}

export const identityFederationMissing = defineRule({
  id: 'identity-federation-missing',
  title: 'People sign in through central identity, not IAM users',
  severity: 'medium',
  needs: ['samlProviders', 'oidcProviders', 'credentialReport'],
  // An IAM identity provider settles the rule alone; Identity Center is asked only without one.
  alsoReads: ['identityCenterInstances'],
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
      'Without such a provider, an ACTIVE IAM Identity Center instance in any enabled region ' +
      '(sso-admin `ListInstances`) passes too. ListInstances lists the instances created in the ' +
      'account or visible to it: an account instance, and the organization instance in the ' +
      'management account and its delegated administrator; a plain member account sees none, ' +
      'and is recognised by the SAML provider above instead. When some region refuses ' +
      '`sso:ListInstances` (an SCP denying the region, a role without the permission) and no ' +
      'instance is found elsewhere, the rule is not evaluated, naming those regions. ' +
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
  check: ({ snapshot, options, notEvaluated }) => {
    const saml = sectionData(snapshot, 'samlProviders');
    const oidc = sectionData(snapshot, 'oidcProviders');
    if (saml.length > 0 || oidc.some((provider) => !isWorkloadIssuer(provider))) return [];
    const consoleUsers = iamUserRows(sectionData(snapshot, 'credentialReport'))
      .filter(hasConsolePassword)
      .map((row) => row.user);
    if (consoleUsers.length <= options.maxConsoleUsers) return [];
    const centre = identityCenter(snapshot);
    if (centre.kind === 'instance') return [];
    if (centre.kind === 'unknown') {
      notEvaluated(
        accountArn(snapshot),
        `${centre.why}: whether people sign in centrally is unknown (console users: ${joinWithAnd(consoleUsers)})`,
      );
      return [];
    }
    return [
      {
        resource: accountArn(snapshot),
        message:
          `Account ${snapshot.accountId} has no SAML or workforce OIDC identity provider and no IAM Identity Center instance, and ` +
          `${plural(consoleUsers.length, 'IAM user')} ${consoleUsers.length === 1 ? 'signs' : 'sign'} in to ` +
          'the console with a password ' +
          `(allowed: ${options.maxConsoleUsers}): ${joinWithAnd(consoleUsers)}.`,
        evidence: { consoleUsers, workloadOidcProviders: oidc.map((provider) => provider.arn) },
      },
    ];
  },
});
