import { identityFederationMissing } from '../../../src/rules/users/identity-federation-missing.js';
import type { IdentityCenterRegion, IdentityProvider, Snapshot } from '../../../src/snapshot/schema.js';
import { judge, runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withFailedSection,
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

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';

/** A region read, holding these instances. */
function read(region: string, ...statuses: Array<string | null>): IdentityCenterRegion {
  const instances = statuses.map((status) => ({ arn: INSTANCE_ARN, status, ownerAccountId: ACCOUNT }));
  return { region, instances, unread: null };
}

/** A region that refused sso:ListInstances. */
function refused(region: string): IdentityCenterRegion {
  return { region, instances: [], unread: { code: 'AccessDeniedException', message: 'denied by an SCP' } };
}

/** Identity Center as collected: its regions, or a section that failed or was never collected. */
type IdentityCenter = IdentityCenterRegion[] | 'failed' | 'absent';

/** Two regions read, neither with an instance. */
const NO_INSTANCE: IdentityCenter = [read('eu-west-1'), read('us-east-1')];

function snapshotWith(
  saml: IdentityProvider[],
  oidc: IdentityProvider[],
  consoleUserCount: number,
  identityCenter: IdentityCenter = NO_INSTANCE,
): Snapshot {
  const rows = [rootRow(), userRow('ci-deploy'), ...consoleUsers(consoleUserCount)];
  const providers = withSection(
    withSection(withCredentialReport(emptySnapshot(), rows), 'samlProviders', saml),
    'oidcProviders',
    oidc,
  );
  if (identityCenter === 'absent') return providers;
  if (identityCenter === 'failed') return withFailedSection(providers, 'identityCenterInstances', 'error');
  return withSection(providers, 'identityCenterInstances', identityCenter);
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
      message: `Account ${ACCOUNT} has no SAML or workforce OIDC identity provider and no IAM Identity Center instance, and 2 IAM users sign in to the console with a password (allowed: 1): person-1 and person-2.`,
      evidence: { consoleUsers: ['person-1', 'person-2'], workloadOidcProviders: [GITHUB.arn] },
    });
  });

  test.each<{
    name: string;
    saml?: IdentityProvider[];
    users?: number;
    identityCenter: IdentityCenter;
    outcome: 'pass' | 'finding' | 'not evaluated';
  }>([
    {
      name: 'an ACTIVE instance in one region: central identity exists',
      identityCenter: [read('eu-west-1'), read('us-east-1', 'ACTIVE')],
      outcome: 'pass',
    },
    {
      name: 'an instance without a status (older API answers) counts',
      identityCenter: [read('eu-west-1', null)],
      outcome: 'pass',
    },
    {
      name: 'an instance still being created, failed or being deleted signs nobody in',
      identityCenter: [read('eu-west-1', 'CREATE_IN_PROGRESS', 'CREATE_FAILED', 'DELETE_IN_PROGRESS')],
      outcome: 'finding',
    },
    { name: 'every region read, no instance: a finding', identityCenter: NO_INSTANCE, outcome: 'finding' },
    {
      name: 'an instance in a read region answers even when another region refused',
      identityCenter: [refused('eu-west-1'), read('us-east-1', 'ACTIVE')],
      outcome: 'pass',
    },
    {
      name: 'a refused region and no instance elsewhere: not evaluated, never a guessed fail',
      identityCenter: [refused('eu-west-1'), read('us-east-1')],
      outcome: 'not evaluated',
    },
    {
      name: 'a refused region with a SAML provider: the provider settles it',
      saml: [SAML],
      identityCenter: [refused('eu-west-1')],
      outcome: 'pass',
    },
    {
      name: 'a refused region but no console user: nothing to judge centrally',
      users: 0,
      identityCenter: [refused('eu-west-1')],
      outcome: 'pass',
    },
    {
      name: 'the section failed, no provider: not evaluated',
      identityCenter: 'failed',
      outcome: 'not evaluated',
    },
    {
      name: 'the section never collected (an older snapshot), no provider: not evaluated',
      identityCenter: 'absent',
      outcome: 'not evaluated',
    },
    {
      name: 'the section failed with a SAML provider: a pass, not "not evaluated"',
      saml: [SAML],
      identityCenter: 'failed',
      outcome: 'pass',
    },
  ])('IAM Identity Center: $name', ({ saml = [], users = 1, identityCenter, outcome }) => {
    const { findings, notEvaluated } = judge(
      identityFederationMissing,
      snapshotWith(saml, [], users, identityCenter),
    );
    const got = findings.length > 0 ? 'finding' : notEvaluated.length > 0 ? 'not evaluated' : 'pass';
    expect(got).toBe(outcome);
  });

  test('the not-evaluated entry names the refused regions and the console users', () => {
    const { notEvaluated } = judge(
      identityFederationMissing,
      snapshotWith([], [], 1, [refused('eu-west-1'), read('us-east-1'), refused('us-west-2')]),
    );
    expect(notEvaluated).toEqual([
      {
        resource: `arn:aws:iam::${ACCOUNT}:root`,
        reason:
          'sso:ListInstances was refused in eu-west-1 (AccessDeniedException) and us-west-2 (AccessDeniedException) and no instance was found elsewhere: whether people sign in centrally is unknown (console users: person-1)',
      },
    ]);
  });

  test('a negative allowance is refused', () => {
    expect(() => identityFederationMissing.options.parse({ maxConsoleUsers: -1 })).toThrow();
  });
});
