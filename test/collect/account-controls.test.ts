// Contract tests for the collectors behind the account-level CIS controls (contact details,
// central identity management, management-account hygiene, EC2 instance roles) against the fake
// endpoint, with the real SDK clients, and the rules they feed, end to end.
import { describe, expect, test } from '@jest/globals';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import {
  fakeAccount,
  fakeOrganization,
  fakeUser,
  fakePassword,
  organizationAccount,
  SECURITY_SERVICE_PRINCIPALS,
} from '../fake-aws/model.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

async function collect(init: FakeAccountInit = {}, deny: string[] = []): Promise<Snapshot> {
  const session = await sessions.start(fakeAccount(init));
  for (const action of deny) session.fake.faults.deny(action);
  return session.collect();
}

function ruleIds(snapshot: Snapshot): string[] {
  const report = auditReport(snapshot);
  return report.findings.map((finding) => finding.ruleId);
}

describe('contactInformation', () => {
  test('the primary contact, read in one call', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.contactInformation).toEqual({
      status: 'ok',
      data: {
        primary: {
          fullName: 'Cloud Team',
          companyName: null,
          addressLine1: '1 Main Street',
          city: 'Seattle',
          stateOrRegion: null,
          postalCode: '98101',
          countryCode: 'US',
          phoneNumber: '+1-555-0100',
        },
      },
    });
    expect(sessions.current.fake.requests.count('account:GetContactInformation')).toBe(1);
    expect(ruleIds(snapshot)).not.toContain('account-contact-incomplete');
  });

  test('none set (ResourceNotFoundException) is data: primary null, and account-contact-incomplete fires', async () => {
    const snapshot = await collect({ primaryContact: null });
    expect(snapshot.sections.contactInformation).toEqual({ status: 'ok', data: { primary: null } });
    expect(ruleIds(snapshot)).toContain('account-contact-incomplete');
  });

  test('a contact without a phone number: account-contact-incomplete fires', async () => {
    const snapshot = await collect({
      primaryContact: { FullName: 'Ops', AddressLine1: '1 Main St', City: 'Oslo', CountryCode: 'NO' },
    });
    expect(ruleIds(snapshot)).toContain('account-contact-incomplete');
  });

  test('denied: the section is denied naming the action, the rule is not evaluated', async () => {
    const snapshot = await collect({}, ['account:GetContactInformation']);
    expect(snapshot.sections.contactInformation).toMatchObject({
      status: 'denied',
      error: { action: 'account:GetContactInformation' },
    });
    expect(ruleIds(snapshot)).not.toContain('account-contact-incomplete');
  });
});

describe('samlProviders and oidcProviders', () => {
  test("the providers' ARNs, one call each", async () => {
    const snapshot = await collect({
      samlProviders: ['Okta'],
      oidcProviders: ['token.actions.githubusercontent.com'],
    });
    expect(snapshot.sections.samlProviders).toEqual({
      status: 'ok',
      data: [{ arn: 'arn:aws:iam::123456789012:saml-provider/Okta' }],
    });
    expect(snapshot.sections.oidcProviders).toEqual({
      status: 'ok',
      data: [{ arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }],
    });
    expect(sessions.current.fake.requests.count('iam:ListSAMLProviders')).toBe(1);
    expect(sessions.current.fake.requests.count('iam:ListOpenIDConnectProviders')).toBe(1);
  });

  test('an account without providers is data (empty lists)', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.samlProviders).toEqual({ status: 'ok', data: [] });
    expect(snapshot.sections.oidcProviders).toEqual({ status: 'ok', data: [] });
  });

  test.each(['iam:ListSAMLProviders', 'iam:ListOpenIDConnectProviders'])(
    'denied %s: only its section is denied, and identity-federation-missing is not evaluated',
    async (action) => {
      const snapshot = await collect({}, [action]);
      const denied = Object.entries(snapshot.sections).filter(([, section]) => section.status === 'denied');
      expect(denied.map(([, section]) => section.error?.action)).toEqual([action]);
      expect(ruleIds(snapshot)).not.toContain('identity-federation-missing');
    },
  );
});

describe('delegatedAdministrators', () => {
  test('in the management account: every administrator with its services, through every page', async () => {
    const snapshot = await collect({
      organization: fakeOrganization({
        delegatedAdministrators: {
          '111122223333': SECURITY_SERVICE_PRINCIPALS,
          '444455556666': ['guardduty.amazonaws.com'],
        },
      }),
    });
    expect(snapshot.sections.delegatedAdministrators).toEqual({
      status: 'ok',
      data: [
        { accountId: '111122223333', servicePrincipals: SECURITY_SERVICE_PRINCIPALS },
        { accountId: '444455556666', servicePrincipals: ['guardduty.amazonaws.com'] },
      ],
    });
    // One administrator per page, two services per page.
    expect(sessions.current.fake.requests.count('organizations:ListDelegatedAdministrators')).toBe(2);
    expect(sessions.current.fake.requests.count('organizations:ListDelegatedServicesForAccount')).toBe(4);
    expect(ruleIds(snapshot)).not.toContain('management-account-hygiene');
  });

  test('none delegated and a console user: management-account-hygiene fires for each', async () => {
    const snapshot = await collect({
      organization: fakeOrganization({ delegatedAdministrators: {} }),
      users: [fakeUser('alice', { password: fakePassword() })],
    });
    expect(snapshot.sections.delegatedAdministrators).toEqual({ status: 'ok', data: [] });
    expect(ruleIds(snapshot).filter((id) => id === 'management-account-hygiene')).toHaveLength(6);
  });

  test('a member account: skipped, not denied, and the rule does not apply', async () => {
    const snapshot = await collect({
      organization: fakeOrganization({
        managementAccountId: '999999999999',
        accounts: [organizationAccount('999999999999'), organizationAccount('123456789012')],
      }),
    });
    expect(snapshot.sections.delegatedAdministrators).toMatchObject({
      status: 'skipped',
      error: { code: 'NotManagementAccount' },
    });
    expect(sessions.current.fake.requests.count('organizations:ListDelegatedAdministrators')).toBe(0);
  });

  test('denied in the management account: denied naming the action, the rule not evaluated', async () => {
    const snapshot = await collect({}, ['organizations:ListDelegatedServicesForAccount']);
    expect(snapshot.sections.delegatedAdministrators).toMatchObject({
      status: 'denied',
      error: { action: 'organizations:ListDelegatedServicesForAccount' },
    });
    expect(ruleIds(snapshot)).not.toContain('management-account-hygiene');
  });
});
