// What happens when AWS says no, slows us down or breaks: a refused call makes its section
// `denied` with the action named, retries absorb throttling, 5xx and dropped connections, and a
// section that still fails is `error` while every other section is collected.
import { describe, expect, test } from '@jest/globals';
import { allowedActions } from '../../src/collect/clients.js';
import type { SectionName, Snapshot } from '../../src/snapshot/schema.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import type { FaultKind } from '../fake-aws/faults.js';
import { startSession } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

/** A collection of the sample account with no faults: the snapshot, its request count and the actions it sent. */
async function collectUndisturbed(): Promise<{ snapshot: Snapshot; requests: number; actions: string[] }> {
  const quiet = await startSession(sampleAccount());
  try {
    const snapshot = await quiet.collect();
    return { snapshot, requests: quiet.fake.requests.total(), actions: quiet.fake.requests.actions() };
  } finally {
    await quiet.close();
  }
}

describe('access denied', () => {
  test('on GetAccountAuthorizationDetails: that section is denied with the action named, the others are ok', async () => {
    const session = await sessions.start(sampleAccount());
    session.fake.faults.deny('iam:GetAccountAuthorizationDetails');
    const snapshot = await session.collect();

    expect(snapshot.sections.authorizationDetails).toEqual({
      status: 'denied',
      error: {
        code: 'AccessDenied',
        action: 'iam:GetAccountAuthorizationDetails',
        message:
          'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: *',
      },
    });
    const others = Object.entries(snapshot.sections).filter(([name]) => name !== 'authorizationDetails');
    expect(others.map(([name, section]) => [name, section.status])).toEqual([
      ['credentialReport', 'ok'],
      ['accountSummary', 'ok'],
      ['passwordPolicy', 'ok'],
      ['virtualMfaDevices', 'ok'],
      ['serverCertificates', 'ok'],
      ['organization', 'ok'],
      ['organizationFeatures', 'ok'],
      ['serviceControlPolicies', 'ok'],
      ['regions', 'ok'],
      ['configRecorders', 'ok'],
      ['configDeliveryStatus', 'ok'],
      ['accessAnalyzers', 'ok'],
      ['alternateContacts', 'ok'],
      ['contactInformation', 'ok'],
      ['samlProviders', 'ok'],
      ['oidcProviders', 'ok'],
      ['identityCenterInstances', 'ok'],
      ['delegatedAdministrators', 'ok'],
      ['billingAlarms', 'ok'],
      ['cloudTrails', 'ok'],
      ['logMetricAlarms', 'ok'],
      ['cloudFrontDistributions', 'ok'],
      ['route53Domains', 'ok'],
      ['snsTopics', 'ok'],
      ['sqsQueues', 'ok'],
      ['kmsKeys', 'ok'],
      ['lambdaFunctions', 'ok'],
      ['secrets', 'ok'],
      ['ecrRepositories', 'ok'],
      ['s3AccountPublicAccessBlock', 'ok'],
      ['s3Buckets', 'ok'],
      ['ec2Instances', 'ok'],
    ]);
    // Access errors are final: one request per entity type, no retries.
    expect(session.fake.requests.count('iam:GetAccountAuthorizationDetails')).toBe(5);
  });

  test.each([
    ['iam:GetCredentialReport', 'credentialReport'],
    ['iam:GenerateCredentialReport', 'credentialReport'],
    ['iam:GetAccountSummary', 'accountSummary'],
    ['iam:GetAccountPasswordPolicy', 'passwordPolicy'],
    ['iam:ListVirtualMFADevices', 'virtualMfaDevices'],
    ['iam:ListServerCertificates', 'serverCertificates'],
    ['organizations:DescribeOrganization', 'organization'],
    ['iam:ListOrganizationsFeatures', 'organizationFeatures'],
    ['organizations:ListPolicies', 'serviceControlPolicies'],
    ['organizations:DescribePolicy', 'serviceControlPolicies'],
    ['organizations:ListTargetsForPolicy', 'serviceControlPolicies'],
    ['organizations:ListParents', 'serviceControlPolicies'],
    ['config:DescribeConfigurationRecorders', 'configRecorders'],
    ['config:DescribeConfigurationRecorderStatus', 'configRecorders'],
    ['config:DescribeDeliveryChannelStatus', 'configDeliveryStatus'],
    ['access-analyzer:ListAnalyzers', 'accessAnalyzers'],
    ['account:GetAlternateContact', 'alternateContacts'],
    ['account:GetContactInformation', 'contactInformation'],
    ['iam:ListSAMLProviders', 'samlProviders'],
    ['iam:ListOpenIDConnectProviders', 'oidcProviders'],
    ['organizations:ListDelegatedAdministrators', 'delegatedAdministrators'],
    ['organizations:ListDelegatedServicesForAccount', 'delegatedAdministrators'],
    ['cloudwatch:DescribeAlarms', 'billingAlarms'],
  ] satisfies Array<[string, SectionName]>)(
    'on %s: %s is denied with that action',
    async (action, section) => {
      const session = await sessions.start(sampleAccount({ credentialReport: { status: 'complete' } }));
      session.fake.faults.deny(action);
      const snapshot = await session.collect();
      // Each service spells it its own way (AccessDenied, AccessDeniedException): the status is what counts.
      expect(snapshot.sections[section]).toMatchObject({ status: 'denied', error: { action } });
    },
  );

  test('everything denied: the run cannot go on, and the error lists each section', async () => {
    const session = await sessions.start(sampleAccount());
    // GetCallerIdentity needs no permission: only the collectors' calls can be refused.
    for (const action of allowedActions().filter((name) => name !== 'sts:GetCallerIdentity'))
      session.fake.faults.deny(action);
    await expect(session.collect()).rejects.toMatchObject({
      name: 'RunError',
      message: expect.stringContaining('authorizationDetails: denied (iam:GetAccountAuthorizationDetails)'),
    });
  });
});

describe('retries', () => {
  test.each<[string, FaultKind]>([
    ['throttling', 'throttling'],
    ['a 5xx ServiceFailure', 'serverError'],
    ['a connection reset', 'connectionReset'],
  ])('two failures of every call by %s, then success: the same snapshot as without', async (_name, kind) => {
    const undisturbed = await collectUndisturbed();
    const session = await sessions.start(sampleAccount());
    for (const action of allowedActions()) session.fake.faults.failFirst(action, kind, 2);
    const snapshot = await session.collect();

    expect(snapshot).toEqual(undisturbed.snapshot);
    // Each action sent failed exactly twice before its first success.
    expect(session.fake.requests.total()).toBe(undisturbed.requests + 2 * undisturbed.actions.length);
    expect(session.fake.requests.count('iam:GetAccountSummary')).toBe(3);
  });

  test('30 % of all calls throttled: collection completes with the same snapshot', async () => {
    const undisturbed = await collectUndisturbed();
    const session = await sessions.start(sampleAccount());
    session.fake.faults.failFraction('*', 'throttling', 0.3, 20260615);
    const snapshot = await session.collect();

    expect(snapshot).toEqual(undisturbed.snapshot);
    // The throttles really happened: every one cost an extra request.
    expect(session.fake.requests.total()).toBeGreaterThan(undisturbed.requests);
  });

  test('throttled beyond --max-attempts: that section is an error saying so; the others are ok', async () => {
    const session = await sessions.start(sampleAccount());
    session.fake.faults.failFraction('iam:ListServerCertificates', 'throttling', 1, 1);
    const snapshot = await session.collect({ maxAttempts: 3 });

    expect(snapshot.sections.serverCertificates).toEqual({
      status: 'error',
      error: {
        code: 'Throttling',
        message: 'iam:ListServerCertificates failed: Rate exceeded (gave up after 3 attempts)',
      },
    });
    expect(session.fake.requests.count('iam:ListServerCertificates')).toBe(3);
    expect(snapshot.sections.authorizationDetails?.status).toBe('ok');
  });

  test("the SDK's own adaptive retry (no test timing) absorbs two throttles with the default attempts", async () => {
    const session = await sessions.start(sampleAccount({ credentialReport: { status: 'complete' } }));
    session.fake.faults.failFirst('iam:GetAccountSummary', 'throttling', 2);
    const snapshot = await session.collect({ retryStrategy: undefined });
    expect(snapshot.sections.accountSummary?.status).toBe('ok');
    expect(session.fake.requests.count('iam:GetAccountSummary')).toBe(3);
  }, 20_000);
});
