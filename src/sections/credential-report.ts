// credentialReport: IAM's per-user report of passwords, access keys and MFA. IAM builds it on
// request and keeps it for 4 hours, so the flow is: GenerateCredentialReport (STARTED, INPROGRESS
// or COMPLETE), poll Generate with backoff until COMPLETE, then GetCredentialReport. Get can still
// answer ReportNotPresent, ReportExpired (a new report must be generated) or ReportInProgress; each
// means "not ready yet": wait and ask Generate again, which also starts a new report when needed.
// All of it within a deadline: a report that never arrives is a section error, never a pass.
// LimitExceeded (too many Generate calls) is retried by the SDK as throttling.
import type { GetCredentialReportCommandOutput } from '@aws-sdk/client-iam';
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';
import { InputError } from '../errors.js';
import type { CliFile } from '../snapshot/aws-cli-file.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { parseCredentialReport } from '../snapshot/credential-report.js';
import { awsTimestampSchema, validateInput } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

export const accessKeyColumnsSchema = z.object({
  active: z.boolean(),
  lastRotated: isoDate.nullable(),
  lastUsedDate: isoDate.nullable(),
  lastUsedRegion: z.string().nullable(),
  lastUsedService: z.string().nullable(),
});
export type AccessKeyColumns = z.infer<typeof accessKeyColumnsSchema>;

export const certColumnsSchema = z.object({ active: z.boolean(), lastRotated: isoDate.nullable() });

/**
 * One credential-report row. Special tokens are gone: N/A, no_information and not_supported are null
 * (never a date); `passwordEnabled` is null only for root's `not_supported`.
 */
export const credentialReportRowSchema = z.object({
  user: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  userCreationTime: isoDate.nullable(),
  passwordEnabled: z.boolean().nullable(),
  passwordLastUsed: isoDate.nullable(),
  passwordLastChanged: isoDate.nullable(),
  passwordNextRotation: isoDate.nullable(),
  mfaActive: z.boolean(),
  accessKeys: z.tuple([accessKeyColumnsSchema, accessKeyColumnsSchema]),
  certs: z.tuple([certColumnsSchema, certColumnsSchema]),
});
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const credentialReportSchema = z.object({
  /** When IAM generated the report (it may be up to 4 hours older than the snapshot). */
  generatedTime: isoDate.nullable(),
  rows: z.array(credentialReportRowSchema),
});
export type CredentialReport = z.infer<typeof credentialReportSchema>;

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
  const { GenerateCredentialReportCommand } = await import('@aws-sdk/client-iam');
  const output = await context.clients.iam.send(new GenerateCredentialReportCommand({}));
  return output.State ?? 'UNKNOWN';
}

/** The report, or the not-ready code Get answered with. */
async function tryGet(context: CollectContext): Promise<GetCredentialReportCommandOutput | string> {
  const { GetCredentialReportCommand } = await import('@aws-sdk/client-iam');
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

/** The two files a saved credential report may come as. */
export const CREDENTIAL_REPORT_JSON = 'get-credential-report.json';
export const CREDENTIAL_REPORT_CSV = 'credential-report.csv';

const credentialReportOutput = z.object({
  Content: z.string(),
  ReportFormat: z.string().optional(),
  GeneratedTime: awsTimestampSchema.optional(),
});

function readCredentialReport(file: CliFile): CredentialReport {
  if (file.output.name === CREDENTIAL_REPORT_CSV) return parseCredentialReport(file.text, null, file.path);
  const output = validateInput(credentialReportOutput, parseCliJson(file), file.path);
  if (output.ReportFormat !== undefined && output.ReportFormat !== 'text/csv') {
    throw new InputError(
      `${file.path}: ReportFormat is "${output.ReportFormat}"; iamspect reads text/csv reports`,
    );
  }
  // The CLI prints the Content blob base64-encoded (the SDK hands it over already decoded).
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(output.Content)) {
    throw new InputError(
      `${file.path}: Content is not base64 (expected the output of aws iam get-credential-report)`,
    );
  }
  const csv = Buffer.from(output.Content, 'base64').toString('utf8');
  return parseCredentialReport(csv, output.GeneratedTime ?? null, `${file.path} (decoded Content)`);
}

/** password_next_rotation is left out: a time in the future of the data says nothing about when it was saved. */
function credentialReportTimes(report: CredentialReport): TimeInside[] {
  return [
    { what: 'GeneratedTime', time: report.generatedTime },
    ...report.rows.flatMap((row) =>
      [
        { what: 'user_creation_time', time: row.userCreationTime },
        { what: 'password_last_used', time: row.passwordLastUsed },
        { what: 'password_last_changed', time: row.passwordLastChanged },
        ...row.accessKeys.flatMap((key, index) => [
          { what: `access_key_${index + 1}_last_rotated`, time: key.lastRotated },
          { what: `access_key_${index + 1}_last_used_date`, time: key.lastUsedDate },
        ]),
        ...row.certs.map((cert, index) => ({
          what: `cert_${index + 1}_last_rotated`,
          time: cert.lastRotated,
        })),
      ].map(({ what, time }) => ({ what: `${what} of ${row.user}`, time })),
    ),
  ];
}

export const credentialReportSection = defineSection({
  name: 'credentialReport',
  data: credentialReportSchema,
  reads: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
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
  awsCli: {
    kind: 'file',
    files: [
      { name: CREDENTIAL_REPORT_JSON, shape: { required: { Content: 'string' } } },
      { name: CREDENTIAL_REPORT_CSV },
    ],
    howToSave: `aws iam generate-credential-report, then: aws iam get-credential-report > ${CREDENTIAL_REPORT_JSON}`,
    action: 'iam:GetCredentialReport',
    read: readCredentialReport,
    timesInside: credentialReportTimes,
  },
});
