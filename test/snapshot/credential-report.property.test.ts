// Whatever text arrives as a credential report, the parser answers with rows the snapshot schema
// accepts or with an InputError naming the problem: never a crash, never a half-valid row.
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { parseCredentialReport } from '../../src/snapshot/credential-report.js';
import type { CredentialReport } from '../../src/snapshot/schema.js';
import { credentialReportSchema } from '../../src/sections/credential-report.js';
import type { ReportLine } from './report-csv.js';
import { CREDENTIAL_REPORT_COLUMNS, reportCsv, rootLine, userLine } from './report-csv.js';

/** Parses, and checks the only two acceptable outcomes. Returns the report when there is one. */
function parseOrInputError(csv: string): CredentialReport | InputError {
  let report: CredentialReport;
  try {
    report = parseCredentialReport(csv, null, 'fuzz.csv');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  expect(credentialReportSchema.safeParse(report).success).toBe(true);
  return report;
}

const validLines: ReportLine[] = [
  rootLine(),
  userLine('alice', {
    password_enabled: 'true',
    password_last_used: 'no_information',
    password_last_changed: '2023-01-02T03:04:05+00:00',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2023-02-01T00:00:00+00:00',
    access_key_1_last_used_date: '2024-05-02T11:00:00+00:00',
    access_key_1_last_used_region: 'eu-west-1',
    access_key_1_last_used_service: 's3',
  }),
  userLine('svc,reports'),
];

// Cell values a report really contains, plus ones it must reject, plus arbitrary text.
const cellValue = fc.oneof(
  fc.constantFrom(
    'true',
    'FALSE',
    'N/A',
    'no_information',
    'not_supported',
    '<root_account>',
    '2017-06-10T02:35:07+00:00',
    '2017-02-30T02:35:07+00:00',
    'arn:aws:iam::111122223333:root',
    '',
    '"',
    ',',
    '\n',
  ),
  fc.string(),
);

describe('parseCredentialReport on random input', () => {
  it('returns a valid report or an InputError for any text', () => {
    const csvish = fc.string({
      unit: fc.constantFrom('a', 'T', ',', '"', '\n', '\r', ':', '/', '-', '1', ' '),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), csvish), (text) => {
        parseOrInputError(text);
      }),
      { numRuns: 500 },
    );
  });

  it('returns a valid report or an InputError after random cell edits in a valid report', () => {
    const edit = fc.record({
      line: fc.nat({ max: validLines.length - 1 }),
      column: fc.constantFrom(...CREDENTIAL_REPORT_COLUMNS),
      value: cellValue,
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 5 }), (edits) => {
        const lines = validLines.map((line) => ({ ...line }));
        for (const { line, column, value } of edits) lines[line]![column] = value;
        parseOrInputError(reportCsv(lines));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same rows for any order of the columns, and an InputError when a required one is dropped', () => {
    const canonical = parseCredentialReport(reportCsv(validLines), null, 'fuzz.csv');
    const optional = (column: string) => /^access_key_\d_last_used_/.test(column);
    fc.assert(
      fc.property(fc.shuffledSubarray([...CREDENTIAL_REPORT_COLUMNS], { minLength: 0 }), (columns) => {
        const outcome = parseOrInputError(reportCsv(validLines, { columns }));
        const droppedRequired = CREDENTIAL_REPORT_COLUMNS.some(
          (column) => !optional(column) && !columns.includes(column),
        );
        if (droppedRequired) {
          expect(outcome).toBeInstanceOf(InputError);
        } else if (columns.length === CREDENTIAL_REPORT_COLUMNS.length) {
          expect(outcome).toEqual(canonical);
        } else {
          expect(outcome).not.toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
