// Collection that follows the rule selection, and wastes nothing (issue 11). `iamspect audit` runs
// in this process against the fake endpoint of collect-selection-endpoint.ts (25 ms a request,
// 2,000 users / 1,000 roles, 17 regions, Access Analyzer and Config delivery status answering 500),
// with the SDK's default adaptive retry and real waits, twice: with --rules naming only rules that
// read IAM data (targets <= 20 requests, collection <= 2 s), and with every rule (collection
// <= 6 s). Each run gets a fresh endpoint, so both start without a credential report.
//
// The figures explain themselves: the run is split into collection (until the last section is
// done, read from the CLI's own progress display) and evaluation plus report; the CPU time of this
// process and of the endpoint's (the harness's cost: it renders 2,000 users as XML on the same
// machine) are given apart; and each section's finishing time, the credential report's wait and
// the slowest requests say where the collection's time went.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { main as iamspect } from '../src/cli.js';
import { IAM_RULES } from '../test/collect/harness.js';
import type { EndpointLog, EndpointReady } from './collect-selection-endpoint.js';
import { ACCOUNT_SIZE, LATENCY_MS, requestIndex } from './collect-selection-endpoint.js';
import { withFakeEndpoint } from './fake-endpoint.js';
import type { Measurement } from './measure.js';
import { isMain, printMeasurements } from './measure.js';

const IAM_RULE_IDS = IAM_RULES.map((rule) => rule.id);
const ENDPOINT = './collect-selection-endpoint.js';
/** How many of the slowest requests the breakdown lists. */
const SLOWEST_SHOWN = 3;

/** One HTTP request the collector sent, timed in this process from its start to its body's end. */
interface SentRequest {
  requestId: string;
  startMs: number;
  endMs: number;
}

/** Records every HTTP request this process sends (Node's http diagnostics channel), until stopped. */
function recordRequests(clock: () => number): { sent: SentRequest[]; stop(): void } {
  const sent: SentRequest[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const startMs = clock();
    request.once('response', (response: IncomingMessage) => {
      response.once('end', () =>
        sent.push({ requestId: String(response.headers['x-amzn-requestid']), startMs, endMs: clock() }),
      );
    });
  };
  subscribe('http.client.request.start', onStart);
  return { sent, stop: () => unsubscribe('http.client.request.start', onStart) };
}

const CLEAR_LINE = '\r\u001b[2K';
/** After CLEAR_LINE, a finished task's permanent line: `  authorizationDetails: ok`. */
const TASK_DONE = /^ {2}(\w+): (\w+)/;

interface ProgressSeen {
  /** When each section (and `identity`) was reported done, with its status. */
  done: Array<{ task: string; status: string; atMs: number }>;
  /** When the progress display was last cleared: collection is over. */
  endMs?: number;
  /** CPU time of this process at that moment. */
  cpuAtEnd?: NodeJS.CpuUsage;
}

/**
 * Makes stderr look like a terminal, so the CLI draws its collection progress, and reads it
 * instead of showing it: when each section finished and when collection ended. Anything else
 * written to stderr (an error) still goes through.
 */
function watchProgress(clock: () => number): { seen: ProgressSeen; restore(): void } {
  const seen: ProgressSeen = { done: [] };
  const stderr = process.stderr as NodeJS.WriteStream & { isTTY?: boolean };
  const { write } = stderr;
  const wasTty = stderr.isTTY;
  stderr.isTTY = true;
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (!text.startsWith(CLEAR_LINE))
      return (write as (...args: unknown[]) => boolean).call(stderr, chunk, ...rest);
    const done = TASK_DONE.exec(text.slice(CLEAR_LINE.length));
    if (done) seen.done.push({ task: done[1]!, status: done[2]!, atMs: clock() });
    if (text === CLEAR_LINE) {
      seen.endMs = clock();
      seen.cpuAtEnd = process.cpuUsage();
    }
    return true;
  }) as typeof stderr.write;
  return {
    seen,
    restore() {
      stderr.write = write;
      stderr.isTTY = wasTty;
    },
  };
}

/** Runs the CLI with `args`, its report on stdout discarded; returns its exit code. */
async function quietly(args: string[]): Promise<number> {
  const stdout = process.stdout as NodeJS.WriteStream & { fd?: number };
  const { write } = stdout;
  const fd = Object.getOwnPropertyDescriptor(stdout, 'fd');
  stdout.write = (() => true) as typeof stdout.write;
  // A stdout redirected to a file is written through its descriptor (src/util/stdout.ts): without
  // one, the report goes to write() and is dropped.
  Object.defineProperty(stdout, 'fd', { value: undefined, configurable: true });
  try {
    return await iamspect(args);
  } finally {
    stdout.write = write;
    if (fd) Object.defineProperty(stdout, 'fd', fd);
    else delete stdout.fd;
  }
}

export interface Run {
  wallMs: number;
  code: number;
  cpuMs: { collection: number; rest: number };
  progress: ProgressSeen;
  requests: Array<SentRequest & { action: string }>;
  endpointCpuMs: number;
}

/**
 * Runs `iamspect audit -f json ...args` in this process against a fresh fake endpoint served by
 * `endpointScript` (one that speaks collect-selection-endpoint's protocol: serveLogged).
 */
export async function auditOnce(endpointScript: string, args: string[]): Promise<Run> {
  return withFakeEndpoint<EndpointReady, Run>(endpointScript, async (endpoint) => {
    const start = performance.now();
    const clock = () => performance.now() - start;
    const cpuAtStart = process.cpuUsage();
    const recorder = recordRequests(clock);
    const progress = watchProgress(clock);
    let code: number;
    try {
      code = await quietly(['audit', '-f', 'json', ...args]);
    } finally {
      progress.restore();
      recorder.stop();
    }
    const wallMs = clock();
    const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
    const totalCpu = cpuMs(process.cpuUsage(cpuAtStart));
    const { cpuAtEnd } = progress.seen;
    const afterCollectionCpu = cpuAtEnd ? cpuMs(process.cpuUsage(cpuAtEnd)) : 0;
    const log = await endpoint.requestCounts<EndpointLog>();
    return {
      wallMs,
      code,
      cpuMs: { collection: totalCpu - afterCollectionCpu, rest: afterCollectionCpu },
      progress: progress.seen,
      requests: recorder.sent.map((request) => ({
        ...request,
        action: log.actions[requestIndex(request.requestId) ?? -1] ?? `unknown (${request.requestId})`,
      })),
      endpointCpuMs: log.cpuMs,
    };
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

/** From the first GenerateCredentialReport sent to the GetCredentialReport answer: IAM's report wait. */
function credentialReportWait(run: Run): number | undefined {
  const generate = run.requests.find((request) => request.action === 'iam:GenerateCredentialReport');
  const get = run.requests.find((request) => request.action === 'iam:GetCredentialReport');
  return generate && get ? get.endMs - generate.startMs : undefined;
}

export function runMeasurements(
  name: string,
  run: Run,
  collectionTargetMs: number,
  requestTarget?: number,
): Measurement[] {
  const collectionMs = run.progress.endMs ?? run.wallMs;
  const firstRequestMs = Math.min(...run.requests.map((request) => request.startMs));
  const slowest = [...run.requests]
    .sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))
    .slice(0, SLOWEST_SHOWN);
  const reportWait = credentialReportWait(run);
  const ms = (label: string, value: number, target?: number): Measurement => ({
    label,
    value,
    unit: 'ms',
    target,
  });
  return [
    ms(`${name}: audit wall time (exit ${run.code})`, run.wallMs),
    ms('  collection: start to last section done', collectionMs, collectionTargetMs),
    ms('    before the first request', firstRequestMs),
    ...(reportWait === undefined ? [] : [ms('    credential report: Generate to report', reportWait)]),
    ...slowest.map((request) => ms(`    slow request: ${request.action}`, request.endMs - request.startMs)),
    ...run.progress.done.map(({ task, status, atMs }) => ms(`    ${task} ${status} at`, atMs)),
    ms('  evaluation and report', run.wallMs - collectionMs),
    ms('  CPU of this process, collection', run.cpuMs.collection),
    ms('  CPU of this process, evaluation and report', run.cpuMs.rest),
    ms('  CPU of the fake endpoint (harness)', run.endpointCpuMs),
    { label: `${name}: requests`, value: run.requests.length, unit: 'requests', target: requestTarget },
    ...countBy(run.requests, (request) => request.action.slice(0, request.action.indexOf(':'))).map(
      ([service, count]): Measurement => ({ label: `  ${service}`, value: count, unit: 'requests' }),
    ),
  ];
}

export async function main(): Promise<boolean> {
  // Loading the SDK is start-up (bench/collect-startup measures it), not collection: done first.
  await import('../src/collect/index.js');
  const iamOnly = await auditOnce(ENDPOINT, ['--rules', IAM_RULE_IDS.join(',')]);
  const everything = await auditOnce(ENDPOINT, []);
  return printMeasurements(
    `bench/collect-selection: ${ACCOUNT_SIZE.users.toLocaleString('en')} users, ` +
      `${ACCOUNT_SIZE.roles.toLocaleString('en')} roles, 17 regions, ${LATENCY_MS} ms per request, ` +
      'ListAnalyzers and DescribeDeliveryChannelStatus answering 500',
    [
      ...runMeasurements(`IAM rules only (${IAM_RULE_IDS.length})`, iamOnly, 2_000, 20),
      ...runMeasurements('every rule', everything, 6_000),
    ],
  );
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
