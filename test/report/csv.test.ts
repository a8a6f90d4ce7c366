import { parse } from 'csv-parse/sync';
import { applyBaseline } from '../../src/report/baseline.js';
import { csvField, renderCsv } from '../../src/report/csv.js';
import type { Report } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { buildReport, templateRule } from './report-fixture.js';

const HEADER = [
  'accountId',
  'severity',
  'ruleId',
  'resource',
  'message',
  'suppressed',
  'baselineState',
  'fingerprint',
  'file',
  'line',
] as const;

type Row = Record<(typeof HEADER)[number], string>;

function records(report: Report): Row[] {
  return parse(renderCsv(report), { columns: true, record_delimiter: '\r\n' }) as Row[];
}

describe('csv output', () => {
  test('a header row, then one row per finding with every column', () => {
    const report = buildReport({
      suppressions: [{ rule: 'test-user-mfa', resource: `arn:aws:iam::${ACCOUNT}:user/bob`, reason: 'r' }],
    });
    const output = renderCsv(report);
    expect(output.split('\r\n')[0]).toBe(HEADER.join(','));
    const rows = records(report);
    expect(rows).toHaveLength(report.findings.length);
    expect(rows[0]).toEqual({
      accountId: ACCOUNT,
      severity: 'critical',
      ruleId: 'test-root-key',
      resource: `arn:aws:iam::${ACCOUNT}:root`,
      message: 'Root user has an active access key.',
      suppressed: 'false',
      baselineState: '',
      fingerprint: report.findings[0]!.fingerprint,
      file: '',
      line: '',
    });
    expect(rows.find((r) => r.resource.endsWith('user/bob'))!.suppressed).toBe('true');
  });

  test('every line ends with CRLF', () => {
    const output = renderCsv(buildReport());
    expect(output.endsWith('\r\n')).toBe(true);
    expect(output.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  test('template locations and baseline states fill their columns', () => {
    const report = buildReport({ rules: [templateRule] });
    const row = records(applyBaseline(report, { ...report, findings: [] }))[0]!;
    expect(row).toMatchObject({ file: 'templates/stack.yaml', line: '12', baselineState: 'new' });
  });

  test.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
  ])('field %j is written as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  test('messages with commas, quotes and newlines survive a round trip through a CSV parser', () => {
    const report = buildReport();
    const message = 'User "ops, team" has\na key, and "quotes"';
    report.findings[1] = { ...report.findings[1]!, message };
    expect(records(report)[1]!.message).toBe(message);
  });

  test.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd'])(
    'a cell starting like a formula (%j) gets a leading apostrophe',
    (value) => {
      const report = buildReport();
      report.findings[0] = { ...report.findings[0]!, message: value };
      expect(records(report)[0]!.message).toBe(`'${value}`);
    },
  );
});
