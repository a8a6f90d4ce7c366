// Validating AWS-shaped input before normalising it into the snapshot: timestamps in the forms
// AWS, the AWS CLI and SDK v3 produce, and shapes checked with zod so a bad file is reported by
// the path of the offending field rather than as a crash deep inside a reader.
import { z } from 'zod';
import { describeZodError } from '../util/zod-errors.js';
import { InputError } from '../errors.js';

// What IAM writes (`2017-06-10T02:35:07+00:00`), the AWS CLI prints, and toISOString() gives
// (`2017-06-10T02:35:07.000Z`). Anything looser (`Date.parse` accepts "June 10" or "2017") would
// let a garbled value pass as a date.
const AWS_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The timestamp as an ISO string in UTC, or null when it is not a real timestamp in AWS's format. */
export function isoFromAwsTimestamp(text: string): string | null {
  const match = AWS_TIMESTAMP.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC rolls 2017-02-30 over to March 2; a real date survives the round trip unchanged.
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour &&
    calendar.getUTCMinutes() === minute &&
    calendar.getUTCSeconds() === second;
  // Date.parse applies the offset, and rejects an impossible one such as +99:00.
  const instant = Date.parse(text);
  return real && !Number.isNaN(instant) ? new Date(instant).toISOString() : null;
}

export const TIMESTAMP_EXAMPLE = '2017-06-10T02:35:07+00:00';

/**
 * A timestamp as SDK v3 gives it (a Date) or as JSON holds it (an ISO 8601 string), output as an
 * ISO string in UTC.
 */
export const awsTimestampSchema = z.unknown().transform((value, ctx): string => {
  const iso = isoFromTimestampValue(value);
  if (iso === null) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value) ?? String(value)} is not a timestamp (expected e.g. ${TIMESTAMP_EXAMPLE})`,
    });
    return z.NEVER;
  }
  return iso;
});

function isoFromTimestampValue(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return typeof value === 'string' ? isoFromAwsTimestamp(value) : null;
}

/** Validates `value` against `schema`; a mismatch is an InputError naming `source` and the field path. */
export function validateInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string,
  hint?: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${source}: ${describeZodError(parsed.error)}`, hint);
  return parsed.data;
}

/** Validates each page of a paginated output; errors name the page when there is more than one. */
export function validatePages<S extends z.ZodType>(
  schema: S,
  pages: readonly unknown[],
  source: string,
): Array<z.output<S>> {
  return pages.map((page, index) =>
    validateInput(schema, page, pages.length > 1 ? `${source} page ${index + 1}` : source),
  );
}

/** A JSON value's kind as the tables of required keys name it; a policy document is JSON text or an object. */
export type JsonKind = 'list' | 'object' | 'string' | 'policy document';

/**
 * What a complete output of one API always holds, for telling a whole answer from a partial one
 * (a hand-trimmed file, or one page of several). Checked before the output is normalised, because
 * the normalisers read a missing list as "none".
 */
export interface OutputShape {
  /**
   * Paths the API always returns, with their kind. `[]` steps into every element of a list:
   * `Policies[].PolicyVersionList` must be in each policy. A nested path is checked only where its
   * parent has the right kind; list the parent too.
   */
  required: Readonly<Record<string, JsonKind>>;
  /**
   * The key a page carries when more pages follow (`Marker` for IAM, `NextPageMarker` for Route 53
   * Domains, `NextMarker` for KMS and Lambda, `ContinuationToken` for S3's ListBuckets, `NextToken` or `nextToken` elsewhere); absent for an operation that is not paginated. The AWS CLI merges pages itself, and
   * its own resume token after `--max-items` is always `NextToken`.
   */
  more?: 'Marker' | 'NextMarker' | 'NextPageMarker' | 'NextToken' | 'nextToken' | 'ContinuationToken';
  /**
   * The file is one answer per item the account has, as a JSON array (`jq -s .` over a loop of
   * Get calls): each element must be a whole answer, and an empty list means the account has none.
   */
  perItem?: true;
}

/**
 * Why `output` is not a complete answer of `shape`, as a line naming `source`, or undefined when it
 * is. A paginated output may be the pages themselves, in order, as a JSON array; only its last page
 * may say more follow.
 */
export function incompleteOutput(output: unknown, shape: OutputShape, source: string): string | undefined {
  if (shape.perItem && Array.isArray(output)) {
    for (const [index, answer] of output.entries()) {
      const problem = incompletePage(answer, shape, false);
      if (problem !== undefined) return `${source} item ${index + 1}: ${problem}`;
    }
    return undefined;
  }
  const paged = shape.more !== undefined && Array.isArray(output);
  const pages = paged ? (output as unknown[]) : [output];
  if (pages.length === 0) return `${source}: holds no pages (an empty list)`;
  for (const [index, page] of pages.entries()) {
    const problem = incompletePage(page, shape, index === pages.length - 1);
    if (problem !== undefined) return `${paged ? `${source} page ${index + 1}` : source}: ${problem}`;
  }
  return undefined;
}

function incompletePage(page: unknown, shape: OutputShape, last: boolean): string | undefined {
  if (kindOf(page) !== 'object') return `holds ${describeKind(page)} where an object belongs`;
  for (const [path, kind] of Object.entries(shape.required)) {
    const problem = missingAt(page, path.split('.'), kind, '');
    if (problem !== undefined) return `${problem} (the API always returns it)`;
  }
  if (!last || shape.more === undefined) return undefined;
  const fields = page as Record<string, unknown>;
  const tokens = [...new Set([shape.more, 'NextToken'])].filter((key) => fields[key] != null);
  const signs = fields.IsTruncated === true ? ['IsTruncated', ...tokens] : tokens;
  return signs.length > 0 ? `more pages follow (${signs.join(', ')}), so items are missing` : undefined;
}

/** The first place along `steps` (from `node`, reached by `at`) that lacks or mistypes the value. */
function missingAt(node: unknown, steps: string[], kind: JsonKind, at: string): string | undefined {
  const [step = '', ...rest] = steps;
  const eachElement = step.endsWith('[]');
  const key = eachElement ? step.slice(0, -2) : step;
  const here = at === '' ? key : `${at}.${key}`;
  const value = kindOf(node) === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  if (rest.length === 0) {
    if (value === undefined || value === null) return `no ${here}`;
    const actual = kindOf(value);
    const fits = kind === 'policy document' ? actual === 'string' || actual === 'object' : actual === kind;
    return fits ? undefined : `${here} is ${describeKind(value)}, not ${withArticle(kind)}`;
  }
  // A parent of the wrong kind is its own requirement's problem.
  if (eachElement) {
    if (!Array.isArray(value)) return undefined;
    for (const [index, element] of value.entries()) {
      const problem = missingAt(element, rest, kind, `${here}[${index}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return kindOf(value) === 'object' ? missingAt(value, rest, kind, here) : undefined;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value;
}

function describeKind(value: unknown): string {
  const kind = kindOf(value);
  return kind === 'null' ? 'null' : withArticle(kind);
}

function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** JSON-protocol timestamps: a Date (SDK), an ISO string (CLI v2) or epoch seconds (CLI v1). */
export const jsonProtocolTimestamp = z.preprocess((value) => {
  if (typeof value !== 'number') return value;
  const date = new Date(value * 1000);
  // Seconds past the dates a Date can hold stay a number, which awsTimestampSchema rejects as not
  // a timestamp (toISOString() would throw).
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}, awsTimestampSchema);

/** A string field the API may leave out or null: null either way. */
export const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** One API output and its source name for errors. */
export interface SourcedOutput {
  output: unknown;
  source: string;
}
