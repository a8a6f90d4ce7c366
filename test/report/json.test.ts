import { applyBaseline } from '../../src/report/baseline.js';
import { renderJson, writeJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { buildReport } from './report-fixture.js';

const suppressBob = {
  rule: 'test-user-mfa',
  resource: `arn:aws:iam::${ACCOUNT}:user/bob`,
  reason: 'break-glass user',
};

describe('json output', () => {
  test('is the report itself, pretty-printed, with a trailing newline', () => {
    const report = buildReport();
    const output = renderJson(report);
    expect(output.endsWith('}\n')).toBe(true);
    expect(output).toContain('\n  "schemaVersion": 2,\n');
    expect(JSON.parse(output)).toEqual(report);
  });

  test('keeps the documented key order, so diffs between runs stay small', () => {
    const parsed = JSON.parse(renderJson(buildReport())) as Record<string, unknown> & {
      findings: Array<Record<string, unknown>>;
    };
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'generatedAt',
      'failOn',
      'accounts',
      'rules',
      'findings',
      'notEvaluated',
      'ruleErrors',
      'warnings',
      'summary',
    ]);
    expect(Object.keys(parsed.findings.find((f) => f.evidence)!)).toEqual([
      'ruleId',
      'title',
      'severity',
      'accountId',
      'resource',
      'message',
      'fingerprint',
      'frameworks',
      'evidence',
    ]);
  });

  test('keeps suppressed findings, marked with the reason', () => {
    const parsed = JSON.parse(renderJson(buildReport({ suppressions: [suppressBob] }))) as ReturnType<
      typeof buildReport
    >;
    const bob = parsed.findings.find((f) => f.resource === `arn:aws:iam::${ACCOUNT}:user/bob`)!;
    expect(bob.suppressed).toEqual({ reason: 'break-glass user', resource: suppressBob.resource });
    expect(parsed.summary.suppressed).toBe(1);
  });

  test('two runs over the same snapshot give byte-identical output', () => {
    expect(renderJson(buildReport())).toBe(renderJson(buildReport()));
  });
});

describe('writeJson, the streaming writer used for --output files', () => {
  function streamed(report: Report): { text: string; pieces: number } {
    const chunks: string[] = [];
    writeJson(report, (chunk) => chunks.push(chunk));
    return { text: chunks.join(''), pieces: chunks.length };
  }

  test.each<[string, () => Report]>([
    [
      'a report with findings, not-evaluated rules and suppressions',
      () => buildReport({ suppressions: [suppressBob] }),
    ],
    [
      'a report with a baseline (fixed findings, new and existing marks)',
      () => {
        const base = buildReport();
        const now = buildReport();
        now.findings = now.findings.slice(1);
        return applyBaseline(now, base);
      },
    ],
    ['a report with empty arrays', () => ({ ...buildReport(), findings: [], warnings: [], ruleErrors: [] })],
  ])('writes exactly what renderJson returns: %s', (_name, make) => {
    const report = make();
    const { text, pieces } = streamed(report);
    expect(text).toBe(renderJson(report));
    expect(pieces).toBeGreaterThan(report.findings.length);
  });
});
