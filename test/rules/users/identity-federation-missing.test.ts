import { identityFederationMissing } from '../../../src/rules/users/identity-federation-missing.js';
import type { IdentityProvider } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withSection,
} from '../../builders/snapshot.js';

const SAML: IdentityProvider = {
  arn: `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`,
};
const OKTA_OIDC: IdentityProvider = { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/northwind.okta.com` };
const GITHUB: IdentityProvider = {
  arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
};
const EKS: IdentityProvider = {
  arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF`,
};

function consoleUsers(count: number) {
  return Array.from({ length: count }, (_, index) =>
    userRow(`person-${index + 1}`, { passwordEnabled: true }),
  );
}

function snapshotWith(saml: IdentityProvider[], oidc: IdentityProvider[], consoleUserCount: number) {
  const rows = [rootRow(), userRow('ci-deploy'), ...consoleUsers(consoleUserCount)];
  return withSection(
    withSection(withCredentialReport(emptySnapshot(), rows), 'samlProviders', saml),
    'oidcProviders',
    oidc,
  );
}

describe('identity-federation-missing', () => {
  test.each<{
    name: string;
    saml: IdentityProvider[];
    oidc: IdentityProvider[];
    users: number;
    options?: { maxConsoleUsers: number };
    reported: boolean;
  }>([
    {
      name: 'a SAML provider (Identity Center or an external IdP): passes with console users',
      saml: [SAML],
      oidc: [],
      users: 3,
      reported: false,
    },
    { name: 'a workforce OIDC provider: passes', saml: [], oidc: [OKTA_OIDC], users: 3, reported: false },
    {
      name: 'no provider, no console user (root and key-only users do not count)',
      saml: [],
      oidc: [],
      users: 0,
      reported: false,
    },
    {
      name: 'no provider, one console user: the benchmark allows none',
      saml: [],
      oidc: [],
      users: 1,
      reported: true,
    },
    {
      name: 'GitHub Actions and EKS OIDC providers sign in workloads, not people',
      saml: [],
      oidc: [GITHUB, EKS],
      users: 1,
      reported: true,
    },
    {
      name: 'maxConsoleUsers 2 with exactly 2 console users: not reported',
      saml: [],
      oidc: [],
      users: 2,
      options: { maxConsoleUsers: 2 },
      reported: false,
    },
    {
      name: 'maxConsoleUsers 2 with 3 console users: reported',
      saml: [],
      oidc: [],
      users: 3,
      options: { maxConsoleUsers: 2 },
      reported: true,
    },
  ])('$name', ({ saml, oidc, users, options, reported }) => {
    const findings = runRule(identityFederationMissing, snapshotWith(saml, oidc, users), options);
    expect(findings.map((finding) => finding.resource)).toEqual(
      reported ? [`arn:aws:iam::${ACCOUNT}:root`] : [],
    );
  });

  test('the finding names the console users and the workload providers that did not count', () => {
    const [finding] = runRule(identityFederationMissing, snapshotWith([], [GITHUB], 2), {
      maxConsoleUsers: 1,
    });
    expect(finding).toEqual({
      resource: `arn:aws:iam::${ACCOUNT}:root`,
      message: `Account ${ACCOUNT} has no SAML or workforce OIDC identity provider, and 2 IAM users sign in to the console with a password (allowed: 1): person-1 and person-2.`,
      evidence: { consoleUsers: ['person-1', 'person-2'], workloadOidcProviders: [GITHUB.arn] },
    });
  });

  test('a negative allowance is refused', () => {
    expect(() => identityFederationMissing.options.parse({ maxConsoleUsers: -1 })).toThrow();
  });
});
