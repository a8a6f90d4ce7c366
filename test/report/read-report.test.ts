import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyBaseline } from '../../src/report/baseline.js';
import { renderJson } from '../../src/report/json.js';
import { readReportFile } from '../../src/report/read-report.js';
import { buildReport } from './report-fixture.js';
import { inputErrorOf } from '../builders/errors.js';
import { useTempDir } from '../builders/temp-dir.js';

const dir = useTempDir('iamspect-read-report-');

function file(name: string, content: string): string {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
}

describe('readReportFile', () => {
  test('reads back exactly what the JSON output wrote, baseline markers and fixed list included', () => {
    const report = applyBaseline(buildReport({ suppressions: [] }), buildReport());
    const path = file('report.json', renderJson(report));
    expect(readReportFile(path)).toEqual(report);
  });

  test.each([
    ['a missing file', () => join(dir(), 'nope.json'), /nope\.json: report file not found$/],
    ['an empty file', () => file('empty.json', '\n'), /empty\.json: report file is empty$/],
    ['a directory', () => dir(), /is a directory, not a report file$/],
  ])('%s is an input error naming the file', (_case, path, message) => {
    const error = inputErrorOf(() => readReportFile(path()));
    expect(error.message).toMatch(message);
    expect(error.hint).toContain('--output json=FILE');
  });

  // The position format itself belongs to util/input-file.ts; here it only has to name line 3, column 11.
  test('bad JSON is reported with its line and column', () => {
    const path = file('bad.json', '{\n  "schemaVersion": 1,\n  "tool": }\n');
    const message = inputErrorOf(() => readReportFile(path)).message;
    expect(message).toMatch(/^\S*bad\.json\b\D*3\D+11: report file is not valid JSON/);
  });

  test('a key given twice (a bad merge of two reports) names the file, line and key', () => {
    const text = renderJson(buildReport()).replace('{', '{\n  "failOn": "none",');
    const path = file('merged.json', text);
    expect(inputErrorOf(() => readReportFile(path)).message).toMatch(
      /^\S*merged\.json: line \d+, column 3: report file has the key "failOn" twice in one object/,
    );
  });

  test('a truncated file says so', () => {
    const text = renderJson(buildReport());
    const path = file('cut.json', text.slice(0, text.length / 2));
    expect(inputErrorOf(() => readReportFile(path)).message).toMatch(/^\S*cut\.json\b.*truncated/);
  });

  test('another schema version is refused with the versions named', () => {
    const path = file('v3.json', JSON.stringify({ ...buildReport(), schemaVersion: 3 }));
    const error = inputErrorOf(() => readReportFile(path));
    expect(error.message).toMatch(
      /v3\.json: schemaVersion 3 is not supported by iamspect .* \(it reads versions 1 and 2, and writes 2\)/,
    );
  });

  test('a version 1 report (before files) still reads', () => {
    const path = file('v1.json', JSON.stringify({ ...buildReport(), schemaVersion: 1 }));
    expect(readReportFile(path).schemaVersion).toBe(1);
  });

  test('a SARIF file passed by mistake is named as such', () => {
    const path = file('out.sarif', JSON.stringify({ version: '2.1.0', runs: [] }));
    expect(inputErrorOf(() => readReportFile(path)).message).toBe(
      `${path}: this is a SARIF file, not an iamspect JSON report`,
    );
  });

  test('a snapshot passed by mistake is named as such', () => {
    const path = file('snap.json', JSON.stringify({ schemaVersion: 1, collectedAt: 'x', sections: {} }));
    expect(inputErrorOf(() => readReportFile(path)).message).toBe(
      `${path}: this is a snapshot, not a report`,
    );
  });

  test('a report with a damaged field names the field', () => {
    const report = JSON.parse(renderJson(buildReport())) as { findings: Array<Record<string, unknown>> };
    report.findings[1]!.severity = 'urgent';
    const path = file('edited.json', JSON.stringify(report));
    expect(inputErrorOf(() => readReportFile(path)).message).toMatch(
      /edited\.json: not a valid iamspect report: findings\[1\]\.severity: /,
    );
  });

  test('JSON that is not an object is not a report', () => {
    const path = file('list.json', '[]');
    expect(inputErrorOf(() => readReportFile(path)).message).toMatch(
      /not an iamspect report \(expected a JSON object\)/,
    );
  });
});
