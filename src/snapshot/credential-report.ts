// The IAM credential report: CSV text (GetCredentialReport's Content, already base64-decoded) into
// typed rows. Columns are found by header name, never by position, because the report has grown
// columns over the years and hand-made files shorten or reorder them. Special tokens become null,
// never a date: `N/A` (not applicable), `no_information` (never used, or before tracking began)
// and `not_supported` (root's password columns) would otherwise read as "oldest possible".
import type { CsvError } from 'csv-parse/sync';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { AccessKeyColumns, CredentialReport, CredentialReportRow } from './schema.js';
import { TIMESTAMP_EXAMPLE, isoFromAwsTimestamp } from './input-validation.js';

/** The report's 22 columns, in the order IAM writes them (tests and the fake endpoint write them too). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

type Column = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/**
 * Access-key last-use columns, tracked only since 2015-04-22 and so missing from reports saved
 * before then. Without them a key reads as "never used", which the unused-key rules count from
 * the key's creation: a finding to check, never a silent pass.
 */
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set([
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
]);

/** Columns every credential report has had since IAM introduced it. */
const REQUIRED_COLUMNS = CREDENTIAL_REPORT_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column));

const NO_VALUE_TOKENS = new Set(['n/a', 'no_information', 'not_supported']);
const ROOT_USER = '<root_account>';

/**
 * Parses credential-report CSV. `generatedTime` is IAM's GeneratedTime for the report (null when
 * unknown); `source` names where the text came from in error messages (a file name, or the API).
 */
export function parseCredentialReport(
  csv: string,
  generatedTime: string | null,
  source: string,
): CredentialReport {
  const [header, ...records] = parseCsv(csv, source);
  if (!header) throw new InputError(`${source}: the credential report is empty (no header line)`);
  const columns = indexColumns(header.fields, source);
  return {
    generatedTime: generatedTime === null ? null : generatedTimeIso(generatedTime, source),
    rows: records.map((record) => parseRow(new ReportLine(record, columns, source))),
  };
}

interface CsvRecord {
  fields: string[];
  /** 1-based line number where the record ends. */
  line: number;
}

function parseCsv(csv: string, source: string): CsvRecord[] {
  try {
    // With `info`, each record arrives as { record, info }: csv-parse's typings do not model that.
    const records = parse(csv, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Either line ending, even mixed: a report edited on Windows may end some lines in CRLF.
      record_delimiter: ['\r\n', '\n'],
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ fields: record, line: info.lines }));
  } catch (error) {
    // csv-parse's messages name the line ("... on line 4").
    throw new InputError(`${source}: not a valid CSV credential report (${(error as CsvError).message})`);
  }
}

function indexColumns(header: string[], source: string): Map<Column, number> {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (positions.has(key)) throw new InputError(`${source}: column "${key}" appears twice in the header`);
    positions.set(key, index);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw new InputError(
      `${source}: the credential report has no ${missing.map((c) => `"${c}"`).join(', ')} column${missing.length > 1 ? 's' : ''}`,
      'Use the report exactly as IAM returns it (aws iam get-credential-report).',
    );
  }
  const columns = new Map<Column, number>();
  for (const column of CREDENTIAL_REPORT_COLUMNS) {
    const position = positions.get(column);
    if (position !== undefined) columns.set(column, position);
  }
  return columns;
}

function generatedTimeIso(generatedTime: string, source: string): string {
  const iso = isoFromAwsTimestamp(generatedTime);
  if (iso === null) {
    throw new InputError(
      `${source}: GeneratedTime "${generatedTime}" is not a timestamp (expected e.g. ${TIMESTAMP_EXAMPLE})`,
    );
  }
  return iso;
}

/** One data line, read cell by cell; every bad cell is an error naming the line and the column. */
class ReportLine {
  constructor(
    private readonly record: CsvRecord,
    private readonly columns: Map<Column, number>,
    private readonly source: string,
  ) {}

  /** The cell's text; undefined only for an optional column the report lacks. */
  cell(column: Column): string | undefined {
    const position = this.columns.get(column);
    return position === undefined ? undefined : (this.record.fields[position] ?? '');
  }

  fail(column: Column, problem: string): never {
    throw new InputError(`${this.source}: line ${this.record.line}, column ${column}: ${problem}`);
  }

  text(column: Column): string {
    const value = this.cell(column) ?? '';
    if (value === '') this.fail(column, 'is empty');
    return value;
  }

  boolean(column: Column): boolean {
    const value = this.cell(column) ?? '';
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return this.fail(column, `"${value}" is not true or false`);
  }

  /** A timestamp as ISO, or null for a no-value token (or an optional column the report lacks). */
  timestamp(column: Column): string | null {
    const value = this.cell(column);
    if (value === undefined || NO_VALUE_TOKENS.has(value.toLowerCase())) return null;
    const iso = isoFromAwsTimestamp(value);
    if (iso === null) {
      this.fail(
        column,
        `"${value}" is not a timestamp (expected e.g. ${TIMESTAMP_EXAMPLE}, N/A or no_information)`,
      );
    }
    return iso;
  }

  /** Free text such as a region or service name; null for a no-value token or an empty cell. */
  optionalText(column: Column): string | null {
    const value = this.cell(column);
    return value === undefined || value === '' || NO_VALUE_TOKENS.has(value.toLowerCase()) ? null : value;
  }
}

function parseRow(line: ReportLine): CredentialReportRow {
  const user = line.text('user');
  const arn = line.text('arn');
  if (!arn.startsWith('arn:')) line.fail('arn', `"${arn}" is not an ARN`);
  // The root row is normally first, but it is recognised by name or ARN, never by position.
  const isRoot = user === ROOT_USER || arn.endsWith(':root');
  return {
    user,
    arn,
    isRoot,
    userCreationTime: line.timestamp('user_creation_time'),
    passwordEnabled: passwordEnabled(line, isRoot),
    passwordLastUsed: line.timestamp('password_last_used'),
    passwordLastChanged: line.timestamp('password_last_changed'),
    passwordNextRotation: line.timestamp('password_next_rotation'),
    mfaActive: line.boolean('mfa_active'),
    accessKeys: [accessKey(line, 1), accessKey(line, 2)],
    certs: [
      { active: line.boolean('cert_1_active'), lastRotated: line.timestamp('cert_1_last_rotated') },
      { active: line.boolean('cert_2_active'), lastRotated: line.timestamp('cert_2_last_rotated') },
    ],
  };
}

/**
 * Root's `password_enabled` is `not_supported` in most accounts (and in GovCloud): that is null,
 * "not reported", which is neither a password nor proof of none. Organizations member accounts
 * without root credentials report `false`. IAM users always have true or false.
 */
function passwordEnabled(line: ReportLine, isRoot: boolean): boolean | null {
  if (isRoot && line.cell('password_enabled')?.toLowerCase() === 'not_supported') return null;
  return line.boolean('password_enabled');
}

function accessKey(line: ReportLine, slot: 1 | 2): AccessKeyColumns {
  return {
    active: line.boolean(`access_key_${slot}_active`),
    lastRotated: line.timestamp(`access_key_${slot}_last_rotated`),
    lastUsedDate: line.timestamp(`access_key_${slot}_last_used_date`),
    lastUsedRegion: line.optionalText(`access_key_${slot}_last_used_region`),
    lastUsedService: line.optionalText(`access_key_${slot}_last_used_service`),
  };
}
