// Collection of the resources beyond IAM (issue 15): `iamspect audit` with the rules reading S3,
// CloudFront and resource policies, run in this process against the fake endpoint of
// collect-resources-endpoint.ts (2,000 buckets over 4 regions, 200 distributions, 50 queues,
// topics, keys and functions; 25 ms a request; real page sizes), with the SDK's default adaptive
// retry. Targets: collection <= 10 s, peak RSS of this process (the collector's) <= 400 MB. The
// figures are collect-selection's (runMeasurements): where the time went by section, the slowest
// requests, the CPU of this process and of the endpoint, and the requests by service.
import { loadavg } from 'node:os';
import { RULES } from '../src/rules/index.js';
import { LATENCY_MS } from './collect-selection-endpoint.js';
import { REGIONS, RESOURCES_SIZE } from './collect-resources-endpoint.js';
import { auditOnce, runMeasurements } from './collect-selection.js';
import { isMain, peakRssMb, printMeasurements } from './measure.js';

/** The rules reading buckets, distributions and resource policies, and nothing else. */
const RESOURCE_RULE_IDS = RULES.map((rule) => rule.id).filter(
  (id) => id.startsWith('s3-') || id.startsWith('cloudfront-') || id === 'resource-policy-public',
);

export async function main(): Promise<boolean> {
  // Loading the SDK is start-up (bench/collect-startup measures it), not collection: done first.
  await import('../src/collect/index.js');
  const run = await auditOnce('./collect-resources-endpoint.js', ['--rules', RESOURCE_RULE_IDS.join(',')]);
  const { buckets, distributions, perPolicyService } = RESOURCES_SIZE;
  return printMeasurements(
    `bench/collect-resources: ${buckets.toLocaleString('en')} buckets (10 % public, 30 % with a policy) ` +
      `over ${REGIONS.length} regions, ${distributions} distributions, ${perPolicyService} queues, topics, ` +
      `keys and functions each, ${LATENCY_MS} ms per request, load average ${loadAverage()}`,
    [
      ...runMeasurements(
        `${RESOURCE_RULE_IDS.length} rules (s3-*, cloudfront-*, resource-policy-public)`,
        run,
        10_000,
      ),
      { label: 'peak RSS of the collector', value: peakRssMb(), unit: 'MB', target: 400 },
    ],
  );
}

/** The 1, 5 and 15 minute load averages: on a shared machine, what the times must be read with. */
function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
