// The fake AWS endpoint for bench/collect-selection, in its own process (started with fork). It
// reproduces what made a run against an emulator slow: a mid-sized account (2,000 users, 1,000
// roles), 17 enabled regions, a credential report that does not exist yet (the first Generate
// starts it, the second finds it done), and two regional calls the emulator does not serve:
// Access Analyzer's ListAnalyzers and Config's DescribeDeliveryChannelStatus answer 500 everywhere.
// Protocol over the IPC channel: on start it sends { url }; asked 'requests', it answers with what
// it received (EndpointLog): the action of each request by its request id, and the CPU time this
// process has spent since it listened (rendering XML and the credential report: the harness's
// cost, on the same machine as the collector).
import { largeAccount } from '../test/fake-aws/accounts.js';
import type { FakeAccount, FakeRegion } from '../test/fake-aws/model.js';
import type { FakeAws } from '../test/fake-aws/server.js';
import { startFakeAws } from '../test/fake-aws/server.js';
import { isMain } from './measure.js';

export const LATENCY_MS = 25;
export const ACCOUNT_SIZE = { users: 2_000, roles: 1_000, policies: 500 };

/** The regions a new aws account has enabled by default. */
const DEFAULT_ENABLED_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

export interface EndpointReady {
  url: string;
}

export interface EndpointLog {
  /** `iam:GetAccountAuthorizationDetails (Role)` for each request, index = request id's number - 1. */
  actions: string[];
  /** CPU time of the endpoint process since it started listening. */
  cpuMs: number;
}

/** The fake answers with x-amzn-requestid `fake-request-N`, N counting every request it received. */
export function requestIndex(requestId: string): number | undefined {
  const match = /^fake-request-(\d+)$/.exec(requestId);
  return match ? Number(match[1]) - 1 : undefined;
}

/**
 * Serves `account` with LATENCY_MS a request and the IPC protocol above: sends { url } once
 * listening, and answers 'requests' with the EndpointLog. `prepare` sets faults before the first request.
 */
export async function serveLogged(account: FakeAccount, prepare?: (fake: FakeAws) => void): Promise<void> {
  const fake = await startFakeAws(account, { latencyMs: LATENCY_MS });
  prepare?.(fake);
  const cpuAtStart = process.cpuUsage();
  process.on('message', (message) => {
    if (message !== 'requests') return;
    const { user, system } = process.cpuUsage(cpuAtStart);
    const actions = fake.requests.entries.map(({ action, input }) => {
      // Which chain of GetAccountAuthorizationDetails pages a request belongs to.
      const filter = input.Filter;
      return Array.isArray(filter) ? `${action} (${filter.join(', ')})` : action;
    });
    process.send?.({ actions, cpuMs: (user + system) / 1000 } satisfies EndpointLog);
  });
  process.on('disconnect', () => void fake.close());
  process.send?.({ url: fake.url } satisfies EndpointReady);
}

async function serve(): Promise<void> {
  const account = largeAccount(ACCOUNT_SIZE);
  account.regions = DEFAULT_ENABLED_REGIONS.map((name): FakeRegion => ({
    name,
    optStatus: 'ENABLED_BY_DEFAULT',
  }));
  account.credentialReport.status = 'none';
  account.credentialReport.generateCallsToComplete = 2;
  await serveLogged(account, (fake) =>
    fake.faults
      .failFirst('access-analyzer:ListAnalyzers', 'serverError', Infinity)
      .failFirst('config:DescribeDeliveryChannelStatus', 'serverError', Infinity),
  );
}

// Only when forked: the resources benchmark's endpoint imports serveLogged from here.
if (process.send && isMain(import.meta.url)) await serve();
