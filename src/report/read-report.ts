// Reads a JSON report (as written by report/json.ts) back for --baseline, `iamspect diff` and
// merge. The file usually comes from an earlier CI run or an S3 bucket, so every way it can be
// wrong (missing, truncated, not JSON, another tool's file, another schema version) gets a
// one-line error naming the file and what to do.
import { InputError } from '../errors.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { TOOL } from '../version.js';
import type { Report } from './model.js';
import { READABLE_REPORT_SCHEMA_VERSIONS, REPORT_SCHEMA_VERSION, reportSchema } from './model.js';
import { describeZodError } from '../util/zod-errors.js';

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
  if (!READABLE_REPORT_SCHEMA_VERSIONS.includes(object.schemaVersion as number)) {
    throw new InputError(
      `${file}: schemaVersion ${JSON.stringify(object.schemaVersion)} is not supported by ${TOOL.name} ${TOOL.version} (it reads versions ${READABLE_REPORT_SCHEMA_VERSIONS.join(' and ')}, and writes ${REPORT_SCHEMA_VERSION})`,
      'Produce both reports with the same iamspect version, or upgrade iamspect.',
    );
  }
}
