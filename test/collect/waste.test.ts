// Collection wastes nothing (issue 11): a regional section stops at the first region that fails
// it, a server error is not retried as often as throttling, regions of another partition are never
// called, and the credential report is first polled within a second.
import { describe, expect, test } from '@jest/globals';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import type { FakeAccountInit, FakeRegion } from '../fake-aws/model.js';
import { FAKE_NOW, fakeAccount } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { AUDIT_RULES } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const SIX_REGIONS: FakeRegion[] = [
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'us-east-1',
  'us-east-2',
  'us-west-2',
].map((name) => ({ name, optStatus: 'ENABLED_BY_DEFAULT' }));

async function start(init: FakeAccountInit = {}): Promise<FakeSession> {
  return sessions.start(fakeAccount({ regions: SIX_REGIONS, ...init }));
}

function regionsCalled(fake: FakeSession['fake'], prefix: string): string[] {
  return [
    ...new Set(
      fake.requests.entries
        .filter((entry) => entry.action.startsWith(prefix))
        .map((entry) => entry.signingRegion),
    ),
  ];
}

describe('a regional section stops at the first region that fails it', () => {
  test('a call answering 500 everywhere: one region, three attempts, and the section fails naming it', async () => {
    const { fake, collect } = await start();
    fake.faults.failFirst('config:DescribeDeliveryChannelStatus', 'serverError', Infinity);
    const snapshot = await collect();

    expect(regionsCalled(fake, 'config:DescribeDeliveryChannelStatus')).toHaveLength(1);
    expect(fake.requests.count('config:DescribeDeliveryChannelStatus')).toBe(3);
    expect(snapshot.sections.configDeliveryStatus).toMatchObject({
      status: 'error',
      error: { code: 'InternalFailure', message: expect.stringContaining('(gave up after 3 attempts)') },
    });
    // The other regional sections are not affected.
    expect(snapshot.sections.configRecorders?.data).toHaveLength(6);
    expect(snapshot.sections.accessAnalyzers?.data).toHaveLength(6);
  });

  test('DescribeDeliveryChannelStatus failing alone (an emulator without it) leaves config-recorder-disabled evaluated', async () => {
    const { fake, collect } = await start();
    fake.faults.failFirst('config:DescribeDeliveryChannelStatus', 'serverError', Infinity);
    const snapshot = await collect();
    const report = evaluate([{ snapshot }], resolveRules(AUDIT_RULES, {}), { today: FAKE_NOW });

    const notEvaluated = report.notEvaluated.map((entry) => entry.ruleId);
    expect(notEvaluated).toContain('config-delivery-failing');
    expect(notEvaluated).not.toContain('config-recorder-disabled');
  });

  test('AccessDenied is not retried, and no other region is tried', async () => {
    const { fake, collect } = await start();
    fake.faults.deny('access-analyzer:ListAnalyzers');
    const snapshot = await collect();

    expect(fake.requests.count('access-analyzer:ListAnalyzers')).toBe(1);
    expect(snapshot.sections.accessAnalyzers).toMatchObject({
      status: 'denied',
      error: { action: 'access-analyzer:ListAnalyzers' },
    });
  });

  test('a region failing after the first succeeded: no region is started after it', async () => {
    const { fake, collect } = await start();
    fake.faults.failAfter('access-analyzer:ListAnalyzers', 'accessDenied', 1);
    await collect();
    // The first region alone, then four at a time: the sixth is never started.
    expect(fake.requests.count('access-analyzer:ListAnalyzers')).toBe(5);
  });

  test('throttling is still retried up to --max-attempts', async () => {
    const { fake, collect } = await start();
    fake.faults.failFirst('access-analyzer:ListAnalyzers', 'throttling', 5);
    const snapshot = await collect();
    expect(snapshot.sections.accessAnalyzers?.status).toBe('ok');
    expect(fake.requests.count('access-analyzer:ListAnalyzers')).toBe(6 + 5);
  });
});

test('regions of another partition in DescribeRegions are never called from an aws account', async () => {
  const { fake, collect } = await start({
    regions: [
      ...SIX_REGIONS.slice(0, 2),
      { name: 'cn-north-1', optStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'us-gov-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
    ],
  });
  fake.faults.deny('account:ListRegions');
  const snapshot = await collect();

  expect(fake.requests.count('ec2:DescribeRegions')).toBe(1);
  const signed = new Set(fake.requests.entries.map((entry) => entry.signingRegion));
  expect([...signed].filter((region) => /^(cn|us-gov)-/.test(region))).toEqual([]);
  expect(snapshot.sections.regions?.data?.map((region) => region.name)).toEqual([
    'eu-central-1',
    'eu-west-1',
  ]);
  expect(snapshot.sections.configRecorders?.status).toBe('ok');
});

test('the credential report is polled again within a second, not after a fixed 2 s', async () => {
  const { fake, collect } = await start();
  // The first Generate starts the report, the second finds it done.
  const snapshot = await collect({
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  expect(snapshot.sections.credentialReport?.status).toBe('ok');
  const generates = fake.requests.entries.filter((entry) => entry.action === 'iam:GenerateCredentialReport');
  expect(generates).toHaveLength(2);
  expect(generates[1]!.at - generates[0]!.at).toBeLessThan(1_000);
});
