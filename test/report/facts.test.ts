import { summarize } from '../../src/engine.js';
import { applyBaseline } from '../../src/report/baseline.js';
import { credentialReportAge, gateVerdict, incompleteChecks } from '../../src/report/facts.js';
import type { Report } from '../../src/report/model.js';
import { OTHER_ACCOUNT, auditedSnapshot, buildReport, rootKeyRule, userMfaRule } from './report-fixture.js';

function withFailOn(report: Report, failOn: Report['failOn']): Report {
  const changed = { ...report, failOn };
  return { ...changed, summary: summarize(changed) };
}

const complete = () => buildReport({ rules: [rootKeyRule, userMfaRule] });

describe('gateVerdict: the exit code in words', () => {
  test.each([
    [
      'failing findings win over gaps',
      buildReport(),
      'high',
      'failed',
      'Failed: 3 unsuppressed findings at or above high.',
    ],
    [
      'nothing failing but a rule not evaluated',
      buildReport(),
      'critical',
      'failed',
      'Failed: 1 unsuppressed finding at or above critical.',
    ],
    [
      'incomplete when nothing fails',
      buildReport({ rules: [userMfaRule], accounts: [{ snapshot: { ...auditedSnapshot(), sections: {} } }] }),
      'high',
      'incomplete',
      'Incomplete: 1 rule check did not run. Nothing at or above high among what was checked.',
    ],
    [
      'complete and clean at the threshold',
      buildReport({ rules: [userMfaRule] }),
      'critical',
      'passed',
      'Passed: no unsuppressed finding at or above critical.',
    ],
    [
      'gate off',
      complete(),
      'none',
      'off',
      '3 findings: 1 critical, 2 high. The gate is off (fail on: none).',
    ],
  ] as const)('%s', (_case, report, failOn, status, text) => {
    expect(gateVerdict(withFailOn(report, failOn))).toEqual({ status, text });
  });

  test('with a baseline it speaks of new findings', () => {
    const report = complete();
    const verdict = gateVerdict(applyBaseline(report, { ...report, findings: report.findings.slice(1) }));
    expect(verdict.text).toBe('Failed: 1 new unsuppressed finding at or above high.');
  });

  test('an account that could not be audited makes the run incomplete, and is listed first', () => {
    const report = buildReport({
      rules: [userMfaRule],
      accounts: [
        { snapshot: auditedSnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied' },
      ],
    });
    expect(gateVerdict(withFailOn(report, 'critical')).text).toBe(
      'Incomplete: 1 account could not be audited. Nothing at or above critical among what was checked.',
    );
    expect(incompleteChecks(report)).toEqual([
      { accountId: OTHER_ACCOUNT, why: 'account could not be audited: AccessDenied' },
    ]);
  });
});

describe('credentialReportAge', () => {
  test.each([
    ['2026-06-15T08:00:00.000Z', '2026-06-15 08:00 UTC, 4.0 h before collection'],
    ['2026-06-15T11:57:00.000Z', '2026-06-15 11:57 UTC, 0.1 h before collection'],
  ])('generated %s', (generated, expected) => {
    const account = { ...buildReport().accounts[0]!, credentialReportGeneratedAt: generated };
    expect(credentialReportAge(account)).toBe(expected);
  });

  test('unknown when the credential report was not collected', () => {
    expect(
      credentialReportAge({ ...buildReport().accounts[0]!, credentialReportGeneratedAt: null }),
    ).toBeUndefined();
  });
});
