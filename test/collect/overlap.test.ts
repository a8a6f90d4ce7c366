// Collection overlaps its waits (issue 11, "wastes nothing"): the sections that are chains of
// waits (IAM building pages of a thousand entities, the credential report being generated, the
// regional scans) start before the one-request sections, so that their time overlaps the rest
// instead of being added after it; and no client keeps a copy of every response for a logger.
import { describe, expect, test } from '@jest/globals';
import { createClient } from '../../src/collect/clients.js';
import { sectionsToCollect } from '../../src/collect/selection.js';
import type { RecordedRequest } from '../fake-aws/server.js';
import { fakeAccount } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { AUDIT_RULES, IAM_RULES } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

async function start(): Promise<FakeSession> {
  return sessions.start(
    fakeAccount({
      regions: [
        { name: 'eu-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
      ],
    }),
  );
}

/** Position of the first request for which `matches` holds. */
function firstIndex(entries: readonly RecordedRequest[], matches: (action: string) => boolean): number {
  return entries.findIndex((entry) => matches(entry.action));
}

/** The requests of the sections that take one request or two: what the long chains must not wait behind. */
const SHORT_SECTION_ACTIONS = new Set([
  'iam:ListAccountAliases',
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:ListVirtualMFADevices',
  'iam:ListServerCertificates',
  'iam:ListOrganizationsFeatures',
  'organizations:DescribeOrganization',
  'account:GetAlternateContact',
  'cloudwatch:DescribeAlarms',
]);

describe('the long chains start first', () => {
  // Two sections at a time makes the order visible: a section queued behind others starts only
  // when one of them has finished.
  test('IAM-only: GetAccountAuthorizationDetails and GenerateCredentialReport come before any one-request section', async () => {
    const { fake, collect } = await start();
    await collect({ sections: sectionsToCollect(IAM_RULES), concurrency: 2 });

    const { entries } = fake.requests;
    const firstShort = firstIndex(entries, (action) => SHORT_SECTION_ACTIONS.has(action));
    expect(firstShort).toBeGreaterThan(0);
    expect(firstIndex(entries, (action) => action === 'iam:GetAccountAuthorizationDetails')).toBeLessThan(
      firstShort,
    );
    expect(firstIndex(entries, (action) => action === 'iam:GenerateCredentialReport')).toBeLessThan(
      firstShort,
    );
  });

  test('every rule: the regional scans start before the one-request sections too', async () => {
    const { fake, collect } = await start();
    // One section at a time: each section's requests follow the previous section's.
    await collect({ sections: sectionsToCollect(AUDIT_RULES), concurrency: 1 });

    const { entries } = fake.requests;
    const firstShort = firstIndex(entries, (action) => SHORT_SECTION_ACTIONS.has(action));
    const firstOf = (wanted: string) => firstIndex(entries, (action) => action === wanted);
    expect(firstShort).toBeGreaterThan(0);
    const longChains = [
      'iam:GetAccountAuthorizationDetails',
      'iam:GenerateCredentialReport',
      'config:DescribeConfigurationRecorders',
      'config:DescribeDeliveryChannelStatus',
      'access-analyzer:ListAnalyzers',
    ];
    expect(longChains.map(firstOf).every((index) => index >= 0 && index < firstShort)).toBe(true);
    // Longest first.
    const positions = longChains.map(firstOf);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

test('a client keeps no copy of each response for a logger: iamspect gives the SDK none', () => {
  const client = createClient('iam', { region: 'eu-west-1', maxAttempts: 1 });
  try {
    // The SDK's logger middleware copies every output (2,000 users a page) to filter its
    // sensitive fields, then hands it to a logger that does nothing with it.
    expect(client.middlewareStack.identify().filter((name) => name.startsWith('loggerMiddleware'))).toEqual(
      [],
    );
    // The read-only guard stays first.
    expect(client.middlewareStack.identify()[0]).toMatch(/^iamspectReadOnlyGuard/);
  } finally {
    client.destroy();
  }
});
