// Credential-report CSV for tests, written the way IAM writes it: the 22 documented columns, no
// quoting unless a value needs it, and (by default) no newline after the last line.
import { CREDENTIAL_REPORT_COLUMNS } from '../../src/snapshot/credential-report.js';

export { CREDENTIAL_REPORT_COLUMNS };
export type ReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];
export type ReportLine = Record<string, string>;

export const TEST_ACCOUNT = '111122223333';

/** An IAM user with no password, no MFA, no keys and no certificates. */
export function userLine(name: string, overrides: Partial<Record<ReportColumn, string>> = {}): ReportLine {
  return {
    user: name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    user_creation_time: '2017-06-10T02:35:07+00:00',
    password_enabled: 'false',
    password_last_used: 'N/A',
    password_last_changed: 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_1_last_rotated: 'N/A',
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...overrides,
  };
}

/** The root row as IAM writes it for a typical account (section 1.4 of aws-formats.md). */
export function rootLine(overrides: Partial<Record<ReportColumn, string>> = {}): ReportLine {
  return userLine('<root_account>', {
    arn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
    password_enabled: 'not_supported',
    password_last_used: '2017-10-22T08:11:09+00:00',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...overrides,
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvLayout {
  columns?: readonly string[];
  eol?: string;
  trailingNewline?: boolean;
}

export function reportCsv(lines: ReportLine[], layout: CsvLayout = {}): string {
  const { columns = CREDENTIAL_REPORT_COLUMNS, eol = '\n', trailingNewline = false } = layout;
  const text = [columns, ...lines.map((line) => columns.map((column) => line[column] ?? ''))]
    .map((fields) => fields.map(csvField).join(','))
    .join(eol);
  return trailingNewline ? text + eol : text;
}
