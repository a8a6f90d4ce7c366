// `audit --aws-cli-dir` with the credential report saved as CSV (credential-report.csv) beside the
// demo account's other outputs, the CSV mutated: cut short, a column or the header lost, cells and
// rows changed. No internal error, and a broken report never passes.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import type { ReportLine } from '../snapshot/report-csv.js';
import { CREDENTIAL_REPORT_COLUMNS, reportCsv } from '../snapshot/report-csv.js';
import { copyDemoOutputs } from './demo-outputs.js';
import type { Mutation } from './mutators.js';
import { mutation } from './mutators.js';
import type { Baseline } from './oracle.js';
import { FuzzSuite, baselineOf, expectNoSilentPass } from './oracle.js';

const dir = copyDemoOutputs(tempDirWith({}));
const saved = JSON.parse(readFileSync(join(dir, 'get-credential-report.json'), 'utf8')) as {
  Content: string;
};
rmSync(join(dir, 'get-credential-report.json'));
const file = join(dir, 'credential-report.csv');
const csv = Buffer.from(saved.Content, 'base64').toString('utf8');

// The demo's report quotes nothing, so splitting on commas reads it exactly.
const [header, ...rows] = csv.trimEnd().split('\n');
const columns = header!.split(',');
const lines: ReportLine[] = rows.map((row) =>
  Object.fromEntries(row.split(',').map((cell, i) => [columns[i]!, cell])),
);

/** Columns IAM has always written; the last-used region and service came later and may be absent. */
const requiredColumns = CREDENTIAL_REPORT_COLUMNS.filter(
  (column) => !/^access_key_\d_last_used_/.test(column),
);

const cellValue = fc.oneof(
  fc.constantFrom(
    '',
    'true',
    'false',
    'N/A',
    'no_information',
    'not_supported',
    '2099-01-01T00:00:00+00:00',
    '2017-02-30T02:35:07+00:00',
    '"',
    ',',
  ),
  fc.string(),
);

const breaking: fc.Arbitrary<Mutation>[] = [
  fc
    .integer({ min: 1, max: csv.trimEnd().length - 1 })
    .map((cut) => mutation('truncate', 'breaks', csv.slice(0, cut), `cut at byte ${cut} of ${csv.length}`)),
  fc
    .constantFrom(...requiredColumns)
    .map((column) =>
      mutation(
        'delete-required-key',
        'breaks',
        reportCsv(lines, { columns: columns.filter((name) => name !== column) }),
        `column ${column}`,
      ),
    ),
  fc.constant(mutation('delete-required-key', 'breaks', rows.join('\n'), 'the header line')),
];

const editing: fc.Arbitrary<Mutation>[] = [
  fc
    .tuple(fc.nat({ max: lines.length - 1 }), fc.constantFrom(...columns), cellValue)
    .map(([line, column, value]) => {
      const edited = lines.map((row, index) => (index === line ? { ...row, [column]: value } : row));
      return mutation(
        'replace-value',
        'edits',
        reportCsv(edited, { columns }),
        `${column} of line ${line + 2} = ${JSON.stringify(value).slice(0, 40)}`,
      );
    }),
  // Line 0 is the root account's.
  fc.integer({ min: 1, max: lines.length - 1 }).map((line) =>
    mutation(
      'drop-items',
      'edits',
      reportCsv(
        lines.filter((_, index) => index !== line),
        { columns },
      ),
      `line ${line + 2}`,
    ),
  ),
  fc
    .nat({ max: lines.length - 1 })
    .map((line) =>
      mutation(
        'duplicate-key',
        'edits',
        reportCsv([...lines, lines[line]!], { columns }),
        `line ${line + 2} twice`,
      ),
    ),
  fc
    .shuffledSubarray(columns, { minLength: columns.length })
    .map((order) =>
      mutation(
        'reorder',
        'edits',
        reportCsv(lines, { columns: order, eol: '\r\n' }),
        'columns shuffled, CRLF line ends',
      ),
    ),
];

const args = ['audit', '--aws-cli-dir', dir, '--fail-on', 'none', '--format', 'csv'];
const suite = new FuzzSuite('credential-report');
let baseline: Baseline;

afterAll(() => {
  suite.writeFigures();
  removeTempDirs();
});

describe('audit --aws-cli-dir with a mutated credential-report.csv', () => {
  it('passes on the unmutated report with --fail-on none, and fails by default', async () => {
    writeFileSync(file, csv);
    baseline = await baselineOf(args);
    expect((await runCli(args.slice(0, 3))).code).toBe(1);
  });

  it('never ends in an internal error, and never passes a broken report', async () => {
    await suite.check(
      { name: 'credential report CSV', seed: 3030, numRuns: 500, timeLimitMs: 6_000 },
      fc.oneof(fc.oneof(...breaking), fc.oneof(...editing)),
      async (mutated, figures) => {
        writeFileSync(file, mutated.text);
        await expectNoSilentPass(baseline, mutated, figures);
      },
    );
  }, 60_000);
});
