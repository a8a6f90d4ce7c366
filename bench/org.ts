// Organization benchmark: `audit --org` of 1,000 accounts of about 50 principals each, from the
// fake AWS endpoint in another process with 25 ms added to every request, --concurrency 16, with
// the real SDK clients and their default (adaptive) retry strategy, then every rule evaluated.
// Targets (issue 5): wall <= 60 s, peak RSS <= 1 GB. Also reports the requests per account.
import { collectOrganization } from '../src/collect/org.js';
import { ORG_DEFAULTS } from '../src/collect/org-options.js';
import { evaluate } from '../src/engine/report.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { RULES } from '../src/rules/index.js';
import { MANAGEMENT_ACCOUNT_ID } from '../test/fake-aws/organization.js';
import { withFakeEndpoint } from './fake-endpoint.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';
import type { EndpointReady, RequestCounts } from './org-endpoint.js';
import { ACCOUNTS, LATENCY_MS, PRINCIPALS_PER_ACCOUNT } from './org-endpoint.js';

const CONCURRENCY = 16;

export async function main(): Promise<boolean> {
  return withFakeEndpoint<EndpointReady, boolean>('./org-endpoint.js', async (endpoint) => {
    const rules = resolveRules(
      RULES.filter((rule) => !rule.needs.includes('cloudFormation')),
      {},
    );
    const { result: run, ms: collectMs } = await timed(() =>
      collectOrganization({}, { ...ORG_DEFAULTS, concurrency: CONCURRENCY }),
    );
    const { result: report, ms: evaluateMs } = await timed(() =>
      evaluate(run.accounts, rules, { today: new Date() }),
    );
    const { audited, failed, skipped } = report.summary.accounts;
    if (audited !== ACCOUNTS)
      throw new Error(`${audited} of ${ACCOUNTS} accounts audited (${failed} failed, ${skipped} skipped)`);
    if (report.notEvaluated.length > 0 || report.ruleErrors.length > 0) {
      throw new Error(
        `incomplete: ${report.notEvaluated.length} rules not evaluated, ${report.ruleErrors.length} rule errors`,
      );
    }
    const counts = await endpoint.requestCounts<RequestCounts>();
    const members = Object.entries(counts.perAccount).filter(([id]) => id !== MANAGEMENT_ACCOUNT_ID);
    const memberRequests = members.map(([, requests]) => requests);
    return printMeasurements(
      `bench/org: ${ACCOUNTS.toLocaleString('en')} accounts of ~${PRINCIPALS_PER_ACCOUNT} principals from the fake ` +
        `endpoint, ${LATENCY_MS} ms per request, --concurrency ${CONCURRENCY}`,
      [
        {
          label: 'wall time (collect and evaluate)',
          value: collectMs + evaluateMs,
          unit: 'ms',
          target: 60_000,
        },
        { label: 'of which evaluation', value: evaluateMs, unit: 'ms' },
        { label: 'peak RSS', value: peakRssMb(), unit: 'MB', target: 1_024 },
        { label: 'requests in all', value: counts.total, unit: 'requests' },
        {
          label: 'requests per member account (average)',
          value: Math.round(memberRequests.reduce((sum, value) => sum + value, 0) / memberRequests.length),
          unit: 'requests',
        },
        {
          label: 'requests per member account (most)',
          value: Math.max(...memberRequests),
          unit: 'requests',
        },
        {
          label: 'management account (lists, SCPs, AssumeRole)',
          value: counts.perAccount[MANAGEMENT_ACCOUNT_ID] ?? 0,
          unit: 'requests',
        },
        { label: 'findings', value: report.summary.findings, unit: 'count' },
      ],
    );
  });
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
