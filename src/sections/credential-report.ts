// credentialReport: IAM's per-user report of passwords, access keys and MFA. IAM builds it on
// request and keeps it for 4 hours, so the flow is: GenerateCredentialReport (STARTED, INPROGRESS
// or COMPLETE), poll Generate with backoff until COMPLETE, then GetCredentialReport. Get can still
// answer ReportNotPresent, ReportExpired (a new report must be generated) or ReportInProgress; each
// means "not ready yet": wait and ask Generate again, which also starts a new report when needed.
// All of it within a deadline: a report that never arrives is a section error, never a pass.
// LimitExceeded (too many Generate calls) is retried by the SDK as throttling.
import type { GetCredentialReportCommandOutput } from '@aws-sdk/client-iam';
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { parseCredentialReport } from '../snapshot/credential-report.js';
import type { CollectContext, SectionCollector } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';

/** Get's answers that mean "generate and wait", by wire code (SDK class names differ: see aws-formats.md 1.5). */
const NOT_READY_CODES = new Set(['ReportNotPresent', 'ReportExpired', 'ReportInProgress']);

// A small account's report is ready within a second, a large one's takes IAM tens of seconds: start
// short and double, so the first costs little and the second few requests.
const FIRST_POLL_DELAY_MS = 250;
const POLL_DELAY_GROWTH = 2;
const MAX_POLL_DELAY_MS = 10_000;

export class CredentialReportTimeout extends Error {
  override readonly name = 'CredentialReportTimeout';
  constructor(timeoutMs: number, lastState: string) {
    super(
      `IAM had not finished the credential report after ${Math.round(timeoutMs / 1000)} s ` +
        `(last state ${lastState}); raise --credential-report-timeout and try again`,
    );
  }
}

/** Delay before poll number `poll` (0-based): 250 ms, 500 ms, 1 s, 2 s ... capped at 10 s. */
export function pollDelayMs(poll: number): number {
  return Math.min(FIRST_POLL_DELAY_MS * POLL_DELAY_GROWTH ** poll, MAX_POLL_DELAY_MS);
}

async function generate(context: CollectContext): Promise<string> {
  const output = await context.clients.iam.send(new GenerateCredentialReportCommand({}));
  return output.State ?? 'UNKNOWN';
}

/** The report, or the not-ready code Get answered with. */
async function tryGet(context: CollectContext): Promise<GetCredentialReportCommandOutput | string> {
  try {
    return await context.clients.iam.send(new GetCredentialReportCommand({}));
  } catch (error) {
    const code = awsErrorCode(error);
    if (NOT_READY_CODES.has(code)) return code;
    throw error;
  }
}

async function waitForReport(context: CollectContext): Promise<GetCredentialReportCommandOutput> {
  const { progress, now, sleep, credentialReportTimeoutMs } = context;
  const deadline = now() + credentialReportTimeoutMs;
  let state = await generate(context);
  for (let poll = 0; ; poll++) {
    if (state === 'COMPLETE') {
      const outcome = await tryGet(context);
      if (typeof outcome !== 'string') return outcome;
      state = outcome;
    }
    progress.update('credentialReport', `report ${state}`);
    const wait = Math.min(pollDelayMs(poll), deadline - now());
    if (wait <= 0) throw new CredentialReportTimeout(credentialReportTimeoutMs, state);
    await sleep(wait);
    state = await generate(context);
  }
}

export const credentialReportCollector: SectionCollector<'credentialReport'> = {
  section: 'credentialReport',
  async collect(context) {
    const report = await waitForReport(context);
    // SDK v3 has already base64-decoded Content into bytes: decoding it again would garble it.
    const csv = new TextDecoder().decode(report.Content ?? new Uint8Array());
    return parseCredentialReport(
      csv,
      report.GeneratedTime?.toISOString() ?? null,
      'iam:GetCredentialReport response',
    );
  },
};
