// CSV for spreadsheets and ticket imports: RFC 4180 (CRLF line ends, fields quoted when they hold
// a comma, quote or line break, quotes doubled), one header row, one row per finding.
//
// Messages and resources carry names chosen by whoever created the IAM user or role, and a
// spreadsheet runs a cell that starts with = + - @ (or tab/CR) as a formula. Such cells get a
// leading apostrophe (the OWASP "CSV injection" advice), so opening the file never runs anything.
import type { Report, ReportFinding } from './model.js';

const COLUMNS: Array<[header: string, value: (f: ReportFinding) => string]> = [
  ['accountId', (f) => f.accountId ?? ''],
  ['severity', (f) => f.severity],
  ['ruleId', (f) => f.ruleId],
  ['resource', (f) => f.resource],
  ['message', (f) => f.message],
  ['suppressed', (f) => String(Boolean(f.suppressed))],
  ['baselineState', (f) => f.baselineState ?? ''],
  ['fingerprint', (f) => f.fingerprint],
  ['file', (f) => f.location?.file ?? ''],
  ['line', (f) => (f.location ? String(f.location.line) : '')],
];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(report: Report): string {
  const rows = [
    COLUMNS.map(([header]) => header),
    ...report.findings.map((finding) => COLUMNS.map(([, value]) => value(finding))),
  ];
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
