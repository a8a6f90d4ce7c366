// Collection that follows the rule selection, and wastes nothing (issue 11). `iamspect audit` runs
// in this process against the fake endpoint of collect-selection-endpoint.ts (25 ms a request,
// 2,000 users / 1,000 roles, 17 regions, Access Analyzer and Config delivery status answering 500),
// with the SDK's default adaptive retry and real waits, twice: with --rules naming only rules that
// read IAM data (target <= 20 requests, <= 2 s), and with every rule (target <= 6 s). Each run gets
// a fresh endpoint, so both start without a credential report.
import { main as iamspect } from '../src/cli.js';
import { IAM_RULES } from '../test/collect/harness.js';
import type { EndpointReady, RequestsByService } from './collect-selection-endpoint.js';
import { ACCOUNT_SIZE, LATENCY_MS } from './collect-selection-endpoint.js';
import { withFakeEndpoint } from './fake-endpoint.js';
import type { Measurement } from './measure.js';
import { isMain, printMeasurements, timed } from './measure.js';

const IAM_RULE_IDS = IAM_RULES.map((rule) => rule.id);

/** Runs the CLI with `args`, its report discarded; returns its exit code. */
async function quietly(args: string[]): Promise<number> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await iamspect(args);
  } finally {
    process.stdout.write = write;
  }
}

interface Run {
  ms: number;
  cpuMs: number;
  code: number;
  byService: RequestsByService;
}

async function auditOnce(args: string[]): Promise<Run> {
  return withFakeEndpoint<EndpointReady, Run>('./collect-selection-endpoint.js', async (endpoint) => {
    const cpu = process.cpuUsage();
    const { result: code, ms } = await timed(() => quietly(['audit', '--quiet', '-f', 'json', ...args]));
    const { user, system } = process.cpuUsage(cpu);
    return {
      ms,
      cpuMs: (user + system) / 1000,
      code,
      byService: await endpoint.requestCounts<RequestsByService>(),
    };
  });
}

function runMeasurements(name: string, run: Run, targets: { ms: number; requests?: number }): Measurement[] {
  const total = Object.values(run.byService).reduce((sum, count) => sum + count, 0);
  const services = Object.entries(run.byService).sort(([a], [b]) => a.localeCompare(b));
  return [
    { label: `${name}: wall time (exit ${run.code})`, value: run.ms, unit: 'ms', target: targets.ms },
    { label: `${name}: CPU time of this process`, value: run.cpuMs, unit: 'ms' },
    { label: `${name}: requests`, value: total, unit: 'requests', target: targets.requests },
    ...services.map(([service, count]): Measurement => ({
      label: `  ${service}`,
      value: count,
      unit: 'requests',
    })),
  ];
}

export async function main(): Promise<boolean> {
  // Loading the SDK is start-up (bench/collect-startup measures it), not collection: done first.
  await import('../src/collect/index.js');
  const iamOnly = await auditOnce(['--rules', IAM_RULE_IDS.join(',')]);
  const everything = await auditOnce([]);
  return printMeasurements(
    `bench/collect-selection: ${ACCOUNT_SIZE.users.toLocaleString('en')} users, ` +
      `${ACCOUNT_SIZE.roles.toLocaleString('en')} roles, 17 regions, ${LATENCY_MS} ms per request, ` +
      'ListAnalyzers and DescribeDeliveryChannelStatus answering 500',
    [
      ...runMeasurements(`IAM rules only (${IAM_RULE_IDS.length})`, iamOnly, { ms: 2_000, requests: 20 }),
      ...runMeasurements('every rule', everything, { ms: 6_000 }),
    ],
  );
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
