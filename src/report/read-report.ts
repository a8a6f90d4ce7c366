// Reads a JSON report (as written by report/json.ts) back for --baseline, `iamspect diff` and
// merge. The file usually comes from an earlier CI run or an S3 bucket, so every way it can be
// wrong (missing, truncated, not JSON, another tool's file, another schema version) gets a
// one-line error naming the file and what to do.
import { z } from 'zod';
import { describeZodError, failOnSchema } from '../config.js';
import { InputError } from '../errors.js';
import { SEVERITIES } from '../rules/types.js';
import { SECTION_NAMES, SECTION_STATUSES, sectionErrorSchema } from '../snapshot/schema.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { TOOL } from '../version.js';
import type { Report } from './model.js';
import { CONTROL_STATUSES, REPORT_SCHEMA_VERSION } from './model.js';

const severity = z.enum(SEVERITIES);
const sectionName = z.enum(SECTION_NAMES);
const frameworks = z.record(z.string(), z.array(z.string()));

const findingSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity,
  accountId: z.string(),
  resource: z.string(),
  message: z.string(),
  discriminator: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  fingerprint: z.string().min(1),
  frameworks,
  suppressed: z
    .object({ reason: z.string(), expires: z.string().optional(), resource: z.string() })
    .optional(),
  baselineState: z.enum(['new', 'existing']).optional(),
  location: z.object({ file: z.string(), line: z.number(), column: z.number() }).optional(),
});

const accountSchema = z.object({
  accountId: z.string(),
  accountAlias: z.string().nullable().optional(),
  partition: z.string(),
  status: z.enum(['audited', 'failed', 'skipped']),
  reason: z.string().optional(),
  collectedAt: z.string().optional(),
  source: z
    .object({ kind: z.string(), path: z.string().optional(), collectedAtFrom: z.string().optional() })
    .optional(),
  credentialReportGeneratedAt: z.string().nullable().optional(),
  sections: z.partialRecord(
    sectionName,
    z.object({ status: z.enum(SECTION_STATUSES), error: sectionErrorSchema.optional() }),
  ),
});

const ruleSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity,
  needs: z.array(sectionName),
  frameworks,
  docs: z.object({ rationale: z.string(), remediation: z.string(), references: z.array(z.string()) }),
});

const shardSchema = z
  .object({ index: z.number().int().min(1), count: z.number().int().min(1) })
  .refine((shard) => shard.index <= shard.count, 'a shard K/N needs 1 <= K <= N');

const countsBySeverity = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodNumber
  >,
);

const complianceSchema = z.array(
  z.object({
    framework: z.string(),
    title: z.string(),
    controls: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.enum(CONTROL_STATUSES),
        rules: z.array(z.string()),
        findings: z.number(),
        note: z.string().optional(),
        attestation: z.object({ by: z.string(), statement: z.string(), until: z.string() }).optional(),
      }),
    ),
  }),
);

// Annotated with the Report type, so the compiler keeps this schema and report/model.ts in step.
export const reportSchema: z.ZodType<Report> = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  generatedAt: z.string(),
  failOn: failOnSchema,
  run: z
    .object({
      shard: shardSchema.optional(),
      partial: z.object({ shards: z.number(), missing: z.array(z.number()) }).optional(),
    })
    .optional(),
  accounts: z.array(accountSchema),
  rules: z.array(ruleSchema),
  findings: z.array(findingSchema),
  fixed: z.array(findingSchema).optional(),
  notEvaluated: z.array(
    z.object({
      ruleId: z.string(),
      accountId: z.string(),
      resource: z.string().optional(),
      reason: z.string(),
      sections: z.array(
        z.object({
          name: sectionName,
          status: z.enum([...SECTION_STATUSES, 'absent']),
          error: sectionErrorSchema.optional(),
        }),
      ),
    }),
  ),
  ruleErrors: z.array(z.object({ ruleId: z.string(), accountId: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  summary: z.object({
    findings: z.number(),
    bySeverity: countsBySeverity,
    suppressed: z.number(),
    failing: z.number(),
    notEvaluated: z.number(),
    ruleErrors: z.number(),
    accounts: z.object({ audited: z.number(), failed: z.number(), skipped: z.number() }),
  }),
  compliance: complianceSchema.optional(),
});

const HOW_TO_GET_ONE = 'Pass a report written with --format json or --output json=FILE.';

/** Reads and validates a JSON report file. Every failure is an InputError naming `path`. */
export function readReportFile(path: string): Report {
  return parseReport(readInputFile(path, 'report file', HOW_TO_GET_ONE), path);
}

/** Parses the text of a JSON report; `file` names it in errors. */
export function parseReport(text: string, file: string): Report {
  const raw = parseJsonText(text, file, 'report file', HOW_TO_GET_ONE);
  checkIsReport(raw, file);
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${file}: not a valid iamspect report: ${describeZodError(parsed.error)}`,
      `The file may have been edited by hand or written by another tool. ${HOW_TO_GET_ONE}`,
    );
  }
  return parsed.data;
}

/** Recognises the files people pass by mistake before validating field by field. */
function checkIsReport(raw: unknown, file: string): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${file}: not an iamspect report (expected a JSON object)`, HOW_TO_GET_ONE);
  }
  const object = raw as Record<string, unknown>;
  if ('runs' in object && 'version' in object) {
    throw new InputError(
      `${file}: this is a SARIF file, not an iamspect JSON report`,
      `Baselines, diffs and merges read the JSON format. ${HOW_TO_GET_ONE}`,
    );
  }
  if ('sections' in object && 'collectedAt' in object) {
    throw new InputError(
      `${file}: this is a snapshot, not a report`,
      `Evaluate it first: iamspect audit --snapshot ${file} --output json=report.json`,
    );
  }
  if (!('schemaVersion' in object)) {
    throw new InputError(`${file}: not an iamspect report (no schemaVersion field)`, HOW_TO_GET_ONE);
  }
  if (object.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new InputError(
      `${file}: schemaVersion ${JSON.stringify(object.schemaVersion)} is not supported by ${TOOL.name} ${TOOL.version} (it reads version ${REPORT_SCHEMA_VERSION})`,
      'Produce both reports with the same iamspect version, or upgrade iamspect.',
    );
  }
}
