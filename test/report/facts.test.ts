import { summarize } from '../../src/report/summary.js';
import { applyBaseline } from '../../src/report/baseline.js';
import {
  credentialReportAge,
  describeDuration,
  gateVerdict,
  incompleteAdvice,
  incompleteChecks,
  incompleteTitle,
} from '../../src/report/facts.js';
import type { Report } from '../../src/report/model.js';
import { emptySnapshot } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  auditedSnapshot,
  authorizationDetailsGap,
  buildReport,
  policyRule,
  rootKeyRule,
  throwingRule,
  userMfaRule,
} from './report-fixture.js';

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
      { where: OTHER_ACCOUNT, why: 'account could not be audited: AccessDenied' },
    ]);
  });
});

describe('incompleteAdvice: the fix named depends on why checks did not run', () => {
  test.each([
    [
      'denied',
      'Grant iamspect the permission iam:GetAccountAuthorizationDetails (see docs/permissions.md), then run again.',
    ],
    ['skipped', 'authorizationDetails was not collected: skipped in test.'],
    ['error', 'Collecting authorizationDetails failed (the error is below): run again once it is fixed.'],
  ] as const)('a section %s', (status, advice) => {
    expect(incompleteAdvice(authorizationDetailsGap(status))).toEqual([advice]);
  });

  test('a section missing from the snapshot, a failed account and a rule error each get their own advice', () => {
    const report = buildReport({
      rules: [policyRule, throwingRule],
      accounts: [
        { snapshot: emptySnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied' },
      ],
    });
    expect(incompleteAdvice(report)).toEqual([
      'The snapshot has no authorizationDetails: collect it again with this iamspect version.',
      'Fix what stopped the audit of each failed account (the reason is below), then run again.',
      'A rule error is a bug in iamspect or data it did not expect: please report it with the message below.',
    ]);
  });
});

describe('incompleteTitle', () => {
  test('names the gaps when the verdict is about failing findings', () => {
    expect(incompleteTitle(buildReport())).toBe('Incomplete: 1 rule check did not run');
  });

  test('does not repeat the verdict when the gaps are what made the run incomplete', () => {
    const report = authorizationDetailsGap('skipped');
    expect(gateVerdict(report).text).toMatch(/^Incomplete: 1 rule check did not run\./);
    expect(incompleteTitle(report)).toBe('Not everything was checked');
  });
});

describe('describeDuration', () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  test.each([
    [29_000, 'less than a minute'],
    [MINUTE, '1 min'],
    [59 * MINUTE, '59 min'],
    [60 * MINUTE, '1 h'],
    [110 * MINUTE, '2 h'],
    [47 * HOUR, '47 h'],
    [48 * HOUR, '2 days'],
    [539.4 * HOUR, '22 days'],
    [-5 * MINUTE, 'less than a minute'],
  ])('%d ms is "%s"', (milliseconds, expected) => {
    expect(describeDuration(milliseconds)).toBe(expected);
  });
});

describe('credentialReportAge', () => {
  test.each([
    ['2026-06-15T08:00:00.000Z', '2026-06-15 08:00 UTC, 4 h before collection'],
    ['2026-06-15T11:57:00.000Z', '2026-06-15 11:57 UTC, 3 min before collection'],
    ['2026-05-24T00:36:00.000Z', '2026-05-24 00:36 UTC, 22 days before collection'],
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
