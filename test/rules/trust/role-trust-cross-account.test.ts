import { roleTrustCrossAccount } from '../../../src/rules/trust/role-trust-cross-account.js';
import type { Organization, PolicyDocument } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource, trustPolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, role, withSection } from '../../builders/snapshot.js';

const VENDOR = '210987654321';
const MANAGEMENT = '999999999999';
const organization: Organization = {
  id: 'o-abc123defg',
  arn: `arn:aws:organizations::${MANAGEMENT}:organization/o-abc123defg`,
  featureSet: 'ALL',
  managementAccountId: MANAGEMENT,
  managementAccountArn: null,
};

function run(trust: PolicyDocument, org: Organization | null = organization, trustedAccounts: string[] = []) {
  const snapshot = withSection(
    accountWith({ roles: [role('partner', { trustPolicy: trust })] }),
    'organization',
    org,
  );
  return runRule(roleTrustCrossAccount, snapshot, { trustedAccounts });
}

describe('role-trust-cross-account', () => {
  test.each<{
    name: string;
    trust: PolicyDocument;
    trustedAccounts?: string[];
    org?: Organization | null;
    message: string | null;
  }>([
    {
      name: 'another account, no external id',
      trust: trustPolicy({ AWS: [`arn:aws:iam::${VENDOR}:root`] }),
      message: `Role partner trusts 1 other account (${VENDOR}), not known to be in organization o-abc123defg, without requiring sts:ExternalId or MFA.`,
    },
    {
      name: 'a standalone account trusting another by id and by role',
      trust: trustPolicy({ AWS: [VENDOR, 'arn:aws:iam::111111111111:role/deployer'] }),
      org: null,
      message: `Role partner trusts 2 other accounts (111111111111 and ${VENDOR}), while this account is in no organization, without requiring sts:ExternalId or MFA.`,
    },
    {
      name: 'with an external id',
      trust: trustPolicy({ AWS: [VENDOR] }, { StringEquals: { 'sts:ExternalId': ['9f8e'] } }),
      message: null,
    },
    {
      name: 'with MFA required',
      trust: trustPolicy({ AWS: [VENDOR] }, { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }),
      message: null,
    },
    {
      name: 'MFA only if present is no MFA',
      trust: trustPolicy({ AWS: [VENDOR] }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } }),
      message: `Role partner trusts 1 other account (${VENDOR}), not known to be in organization o-abc123defg, without requiring sts:ExternalId or MFA.`,
    },
    {
      name: 'limited to the organization',
      trust: trustPolicy({ AWS: [VENDOR] }, { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123defg'] } }),
      message: null,
    },
    {
      name: 'a listed trusted account',
      trust: trustPolicy({ AWS: [VENDOR] }),
      trustedAccounts: [VENDOR],
      message: null,
    },
    {
      name: 'the management account',
      trust: trustPolicy({ AWS: [`arn:aws:iam::${MANAGEMENT}:root`] }),
      message: null,
    },
    {
      name: 'this account itself',
      trust: trustPolicy({ AWS: [iamResource('root'), ACCOUNT] }),
      message: null,
    },
    { name: 'a service', trust: trustPolicy({ Service: ['ec2.amazonaws.com'] }), message: null },
    { name: '"*" is role-trust-any-principal\'s business', trust: trustPolicy('*'), message: null },
  ])('$name', ({ trust, trustedAccounts = [], org, message }) => {
    const findings = run(trust, org === undefined ? organization : org, trustedAccounts);
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });

  test('evidence lists the accounts, statements and organization', () => {
    const [finding] = run(trustPolicy({ AWS: [VENDOR] }));
    expect(finding).toMatchObject({
      resource: iamResource('role/partner'),
      evidence: { accounts: [VENDOR], statements: [0], organization: 'o-abc123defg' },
    });
  });

  test('trustedAccounts must be account ids', () => {
    expect(() => roleTrustCrossAccount.options.parse({ trustedAccounts: ['vendor'] })).toThrow(/12-digit/);
  });
});
