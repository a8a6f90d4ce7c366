// The Report: what the engine produces and every reporter renders. Its JSON form (report/json.ts)
// is the stable machine format; baseline, diff and merge read it back. The zod schema is the one
// definition: the types are inferred from it, as the Snapshot's are, so the reader
// (read-report.ts) cannot drift from what the engine writes.
import { z } from 'zod';
import { failOnSchema } from '../config.js';
import { SEVERITIES } from '../model/severity.js';
import {
  SECTION_NAMES,
  SECTION_STATUSES,
  sectionErrorSchema,
  sourceLocationSchema,
} from '../snapshot/schema.js';

/**
 * The version this iamspect writes. 2 added `files` (template reports) and made `accountId`
 * optional on findings, not-evaluated entries and rule errors (absent in template reports, which
 * judge files, not accounts). Version 1 reports still read: they are version 2 reports without files.
 */
export const REPORT_SCHEMA_VERSION = 2;
/** The versions baseline, diff and merge read. */
export const READABLE_REPORT_SCHEMA_VERSIONS: readonly number[] = [1, REPORT_SCHEMA_VERSION];

const severity = z.enum(SEVERITIES);
const sectionName = z.enum(SECTION_NAMES);
/** Framework id -> control ids, e.g. { 'cis-aws-5.0': ['1.11'], 'aws-security-hub': ['IAM.22'] }. */
const frameworks = z.record(z.string(), z.array(z.string()));

const baselineStateSchema = z.enum(['new', 'existing']);
export type BaselineState = z.infer<typeof baselineStateSchema>;

const findingSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity,
  /** The audited account; absent in a template report (its location names the file). */
  accountId: z.string().optional(),
  resource: z.string(),
  message: z.string(),
  discriminator: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  /** sha256(ruleId, accountId, resource, discriminator): stable across runs and rewordings. */
  fingerprint: z.string().min(1),
  frameworks,
  suppressed: z
    .object({ reason: z.string(), expires: z.string().optional(), resource: z.string() })
    .optional(),
  baselineState: baselineStateSchema.optional(),
  location: sourceLocationSchema.optional(),
});
export type ReportFinding = z.infer<typeof findingSchema>;

const sectionReportSchema = z.object({
  status: z.enum(SECTION_STATUSES),
  error: sectionErrorSchema.optional(),
});
export type SectionReport = z.infer<typeof sectionReportSchema>;

const accountStatusSchema = z.enum(['audited', 'failed', 'skipped']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

const accountSchema = z.object({
  accountId: z.string(),
  accountAlias: z.string().nullable().optional(),
  partition: z.string(),
  /** audited = evaluated; failed = could not be collected (reason says why); skipped = not attempted (e.g. SUSPENDED). */
  status: accountStatusSchema,
  reason: z.string().optional(),
  collectedAt: z.string().optional(),
  /** collectedAtFrom: where collectedAt came from, when the source holds no collection time (AWS CLI outputs). */
  source: z
    .object({ kind: z.string(), path: z.string().optional(), collectedAtFrom: z.string().optional() })
    .optional(),
  /** When IAM generated the credential report the findings rest on. */
  credentialReportGeneratedAt: z.string().nullable().optional(),
  sections: z.partialRecord(sectionName, sectionReportSchema),
});
export type AccountReport = z.infer<typeof accountSchema>;

const fileKindSchema = z.enum(['cloudformation', 'sam', 'terraform-plan', 'terraform-state']);
export type FileKind = z.infer<typeof fileKindSchema>;

const fileStatusSchema = z.enum(['analysed', 'not-analysed', 'failed']);
export type FileStatus = z.infer<typeof fileStatusSchema>;

/** One file a template report read: what it is and what became of it. */
const fileReportSchema = z.object({
  /** As given or found, relative to the working directory (SARIF's artifact URI). */
  path: z.string(),
  /** Absent when the file could not be read or parsed far enough to tell. */
  kind: fileKindSchema.optional(),
  /**
   * analysed = every part judged; not-analysed = read, but some part could not be judged (a nested
   * stack, an unknown Transform...), which `reason` names; failed = could not be read or parsed.
   * Either of the last two makes the run incomplete (exit 3).
   */
  status: fileStatusSchema,
  reason: z.string().optional(),
});
export type FileReport = z.infer<typeof fileReportSchema>;

const notEvaluatedSchema = z.object({
  ruleId: z.string(),
  /** Absent in a template report. */
  accountId: z.string().optional(),
  /**
   * Set when the rule ran but could not judge this one resource (ARN), e.g. a principal with a
   * policy that cannot be decoded. Absent when the whole rule could not run in the account.
   */
  resource: z.string().optional(),
  /** One line: which section was missing and why (naming the refused action when known), or what about the resource's data could not be judged. */
  reason: z.string(),
  /** The sections that were not ok; empty for an entry about one resource. */
  sections: z.array(
    z.object({
      name: sectionName,
      status: z.enum([...SECTION_STATUSES, 'absent']),
      error: sectionErrorSchema.optional(),
    }),
  ),
});
export type NotEvaluated = z.infer<typeof notEvaluatedSchema>;

const ruleErrorSchema = z.object({
  ruleId: z.string(),
  /** Absent in a template report. */
  accountId: z.string().optional(),
  message: z.string(),
});
export type RuleError = z.infer<typeof ruleErrorSchema>;

const ruleSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity,
  needs: z.array(sectionName),
  frameworks,
  docs: z.object({ rationale: z.string(), remediation: z.string(), references: z.array(z.string()) }),
});
export type ReportRule = z.infer<typeof ruleSchema>;

const countsBySeverity = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodNumber
  >,
);

const summarySchema = z.object({
  findings: z.number(),
  bySeverity: countsBySeverity,
  suppressed: z.number(),
  /** Unsuppressed findings at or above failOn (and new, when a baseline is used): what fails the gate. */
  failing: z.number(),
  notEvaluated: z.number(),
  ruleErrors: z.number(),
  accounts: z.object({ audited: z.number(), failed: z.number(), skipped: z.number() }),
});
export type Summary = z.infer<typeof summarySchema>;

const shardSchema = z
  .object({ index: z.number().int().min(1), count: z.number().int().min(1) })
  .refine((shard) => shard.index <= shard.count, 'a shard K/N needs 1 <= K <= N');

const partialRunSchema = z.object({
  /** N of the run's --shard K/N. */
  shards: z.number(),
  /** The K of each shard the merge lacks, ascending. */
  missing: z.array(z.number()),
});
export type PartialRun = z.infer<typeof partialRunSchema>;

/**
 * How the run was split. Absent from the report of a whole run (and from a merge of all its
 * shards); added in 0.1 without a schemaVersion bump, so reports without it still read.
 */
const reportRunSchema = z.object({
  /** This report covers one shard of the run: `iamspect merge` needs every shard once. */
  shard: shardSchema.optional(),
  /** A merge that lacks shards (`merge --allow-partial`): their accounts were not audited. */
  partial: partialRunSchema.optional(),
});
export type ReportRun = z.infer<typeof reportRunSchema>;

export const CONTROL_STATUSES = ['pass', 'fail', 'manual', 'not-evaluated', 'not-applicable'] as const;
/**
 * pass: every rule behind the control ran and found nothing; fail: an unsuppressed finding claims
 * it; manual: no rule checks it (an attestation may say who looked); not-evaluated: a rule behind
 * it could not judge, was not run, ran with options looser than the benchmark asks, or its
 * attestation expired; not-applicable: its rules concern no audited account.
 */
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** A person's word that they checked a manual control (config `attestations`). */
const controlAttestationSchema = z.object({
  by: z.string(),
  statement: z.string(),
  /** Last day (YYYY-MM-DD) it holds. */
  until: z.string(),
});
export type ControlAttestation = z.infer<typeof controlAttestationSchema>;

const controlResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(CONTROL_STATUSES),
  /** The rules behind the control (from their metadata); empty for a control no rule checks. */
  rules: z.array(z.string()),
  /** Unsuppressed findings that claim the control. */
  findings: z.number(),
  /** Why the status is not a plain pass or fail: the gap, the loosened option, the attestation. */
  note: z.string().optional(),
  attestation: controlAttestationSchema.optional(),
});
export type ControlResult = z.infer<typeof controlResultSchema>;

/** One framework's controls (`audit --framework ID`), in the benchmark's order. */
const frameworkResultSchema = z.object({
  framework: z.string(),
  title: z.string(),
  controls: z.array(controlResultSchema),
});
export type FrameworkResult = z.infer<typeof frameworkResultSchema>;

export const reportSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(REPORT_SCHEMA_VERSION)]),
  tool: z.object({ name: z.string(), version: z.string() }),
  generatedAt: z.string(),
  failOn: failOnSchema,
  run: reportRunSchema.optional(),
  /** Empty in a template report, which lists `files` instead. */
  accounts: z.array(accountSchema),
  /** The files a template report read (since version 2; absent from account reports). */
  files: z.array(fileReportSchema).optional(),
  rules: z.array(ruleSchema),
  findings: z.array(findingSchema),
  /** Findings of the baseline that are gone (only with --baseline). */
  fixed: z.array(findingSchema).optional(),
  notEvaluated: z.array(notEvaluatedSchema),
  ruleErrors: z.array(ruleErrorSchema),
  /** Expired or soon-expiring suppressions, stale suppressions, old credential reports... */
  warnings: z.array(z.string()),
  summary: summarySchema,
  /**
   * Per control of each framework asked for with --framework (or `frameworks:` in the config).
   * Added in 0.1 without a schemaVersion bump: absent from reports without a framework, and
   * reports written before it still read.
   */
  compliance: z.array(frameworkResultSchema).optional(),
});
export type Report = z.infer<typeof reportSchema>;
