// Contract tests for the identityCenterInstances collector against the fake endpoint (sso-admin
// over awsJson 1.1, target prefix SWBExternalService, real SDK client): every region asked, every
// page of instances, a region that refuses the call kept as unread, throttling retried, an
// account without Identity Center, and identity-federation-missing fed end to end.
import { describe, expect, test } from '@jest/globals';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { FakeIdentityCenterInstance, FakeRegionServices } from '../fake-aws/model.js';
import { fakeAccount, fakePassword, fakeUser } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const RULE = 'identity-federation-missing';

function instance(index: number, status: FakeIdentityCenterInstance['status'] = 'ACTIVE') {
  return { id: `ssoins-${String(index).padStart(16, '0')}`, status };
}

/**
 * The well-kept account (no IAM identity provider) with one person signing in to the console as an
 * IAM user, so Identity Center decides identity-federation-missing; Identity Center set per region.
 */
async function collect(
  identityCenter: Record<string, FakeRegionServices['identityCenter']>,
  configure?: (fake: FakeSession['fake']) => void,
) {
  const account = fakeAccount();
  account.users.push(fakeUser('jane', { password: fakePassword() }));
  for (const [region, value] of Object.entries(identityCenter)) {
    account.regional[region] = { ...account.regional[region]!, identityCenter: value };
  }
  const session = await sessions.start(account);
  configure?.(session.fake);
  return session.collect({
    sections: ['regions', 'identityCenterInstances', 'samlProviders', 'oidcProviders', 'credentialReport'],
  });
}

/** identity-federation-missing's findings and not-evaluated reasons on the collected account. */
function ruleOutcome(snapshot: Snapshot) {
  const report = auditReport(snapshot);
  return {
    findings: report.findings.filter((finding) => finding.ruleId === RULE).length,
    notEvaluated: report.notEvaluated.filter((entry) => entry.ruleId === RULE).map((entry) => entry.reason),
  };
}

describe('identityCenterInstances', () => {
  test('every enabled region is asked; the instance is found in its region with its status and owner', async () => {
    const snapshot = await collect({ 'us-east-1': [instance(1)] });
    expect(snapshot.sections.identityCenterInstances).toEqual({
      status: 'ok',
      data: [
        { region: 'eu-west-1', instances: [], unread: null },
        {
          region: 'us-east-1',
          instances: [
            {
              arn: 'arn:aws:sso:::instance/ssoins-0000000000000001',
              status: 'ACTIVE',
              ownerAccountId: '123456789012',
            },
          ],
          unread: null,
        },
      ],
    });
  });

  test('every page: 12 instances come in two pages', async () => {
    const snapshot = await collect({
      'eu-west-1': Array.from({ length: 12 }, (_, index) => instance(index)),
    });
    expect(snapshot.sections.identityCenterInstances?.data?.[0]?.instances).toHaveLength(12);
    expect(sessions.current.fake.requests.count('sso:ListInstances')).toBe(3); // 2 pages, 1 empty region
  });

  test('a region that refuses the call is kept as unread; the section is whole', async () => {
    const snapshot = await collect({ 'eu-west-1': 'denied', 'us-east-1': [instance(1)] });
    expect(snapshot.sections.identityCenterInstances?.status).toBe('ok');
    expect(snapshot.sections.identityCenterInstances?.data?.[0]).toMatchObject({
      region: 'eu-west-1',
      instances: [],
      unread: { code: 'AccessDeniedException' },
    });
    expect(ruleOutcome(snapshot)).toEqual({ findings: 0, notEvaluated: [] });
  });

  test('a refused region and no instance elsewhere: the rule is not evaluated, naming the region', async () => {
    const snapshot = await collect({ 'eu-west-1': 'denied' });
    expect(ruleOutcome(snapshot)).toEqual({
      findings: 0,
      notEvaluated: [
        expect.stringContaining('sso:ListInstances was refused in eu-west-1 (AccessDeniedException)'),
      ],
    });
  });

  test('throttled ListInstances is retried: the section is whole', async () => {
    const snapshot = await collect({ 'us-east-1': [instance(1)] }, (fake) =>
      fake.faults.failFirst('sso:ListInstances', 'throttling', 2),
    );
    expect(snapshot.sections.identityCenterInstances?.status).toBe('ok');
    expect(snapshot.sections.identityCenterInstances?.data?.[1]?.instances).toHaveLength(1);
  });

  test('an account without Identity Center is data: every region empty', async () => {
    const snapshot = await collect({});
    expect(snapshot.sections.identityCenterInstances?.data).toEqual([
      { region: 'eu-west-1', instances: [], unread: null },
      { region: 'us-east-1', instances: [], unread: null },
    ]);
    expect(ruleOutcome(snapshot).findings).toBe(1);
  });
});
