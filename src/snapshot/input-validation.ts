// Validating AWS-shaped input before normalising it into the snapshot: timestamps in the forms
// AWS, the AWS CLI and SDK v3 produce, and shapes checked with zod so a bad file is reported by
// the path of the offending field rather than as a crash deep inside a reader.
import { z } from 'zod';
import { describeZodError } from '../config.js';
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
