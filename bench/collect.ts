// Collection benchmark: the 10,000-user / 5,000-role / 2,000-policy account collected live with
// the real SDK clients and their default (adaptive) retry strategy, from the fake AWS endpoint
// running in another process with 25 ms added to every request. Targets (issue 3): wall <= 5 s,
// IAM requests <= 40, peak RSS <= 400 MB. The guard-rail sections (issue 5) add a fixed number of
// requests per account and enabled region, reported apart. For comparison it also reports the requests a per-entity
// strategy would need (computed, not sent) and how long they would take one at a time.
import { collectSnapshot } from '../src/collect/index.js';
import { BUDGET_ACCOUNT_SIZE } from '../test/fake-aws/accounts.js';
import type { EndpointReady } from './collect-endpoint.js';
import { LATENCY_MS } from './collect-endpoint.js';
import { withFakeEndpoint } from './fake-endpoint.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';

export async function main(): Promise<boolean> {
  return withFakeEndpoint<EndpointReady, boolean>('./collect-endpoint.js', async (endpoint) => {
    const { perEntityRequests } = endpoint.ready;
    const { result: snapshot, ms } = await timed(() => collectSnapshot({}));
    const failed = Object.entries(snapshot.sections).filter(([, section]) => section.status !== 'ok');
    if (failed.length > 0)
      throw new Error(`sections not collected: ${failed.map(([name]) => name).join(', ')}`);
    const { requests, iamRequests } = await endpoint.requestCounts<{
      requests: number;
      iamRequests: number;
    }>();
    const size = BUDGET_ACCOUNT_SIZE;
    return printMeasurements(
      `bench/collect: ${size.users.toLocaleString('en')} users, ${size.roles.toLocaleString('en')} roles, ` +
        `${size.policies.toLocaleString('en')} policies from the fake endpoint, ${LATENCY_MS} ms per request`,
      [
        { label: 'wall time (live collection)', value: ms, unit: 'ms', target: 5_000 },
        { label: 'requests sent to IAM and STS', value: iamRequests, unit: 'requests', target: 40 },
        { label: 'requests sent for the guard rails', value: requests - iamRequests, unit: 'requests' },
        { label: 'peak RSS of the collector', value: peakRssMb(), unit: 'MB', target: 400 },
        { label: 'requests a per-entity walk would need', value: perEntityRequests, unit: 'requests' },
        {
          label: `per-entity walk, one at a time at ${LATENCY_MS} ms`,
          value: perEntityRequests * LATENCY_MS,
          unit: 'ms',
        },
      ],
    );
  });
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
