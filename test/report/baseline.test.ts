import { applyBaseline } from '../../src/report/baseline.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { sectionData } from '../../src/snapshot/access.js';
import { ACCOUNT, emptySnapshot, rootRow, userRow, withCredentialReport } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  accountRule,
  auditedSnapshot,
  buildReport,
  rootKeyRule,
  testRule,
  userMfaRule,
} from './report-fixture.js';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;

/** Findings of the fixture account: root key (critical), alice and bob without MFA (high), account (low). */
const current = () => buildReport();

function withoutFinding(report: Report, resource: string, ruleId = 'test-user-mfa'): Report {
  return {
    ...report,
    findings: report.findings.filter((f) => !(f.resource === resource && f.ruleId === ruleId)),
  };
}

function findingOf(report: Report, resource: string, ruleId = 'test-user-mfa'): ReportFinding {
  const found = report.findings.find((f) => f.resource === resource && f.ruleId === ruleId);
  if (!found) throw new Error(`no ${ruleId} finding for ${resource}`);
  return found;
}

describe('applyBaseline', () => {
  test('the same findings again are all existing, nothing is fixed, and nothing fails the gate', () => {
    const result = applyBaseline(current(), current());
    expect(result.findings.map((f) => f.baselineState)).toEqual([
      'existing',
      'existing',
      'existing',
      'existing',
    ]);
    expect(result.fixed).toEqual([]);
    expect(result.summary.failing).toBe(0);
    expect(result.summary.findings).toBe(4);
  });

  test('a finding absent from the baseline is new and is the only one that fails the gate', () => {
    const result = applyBaseline(current(), withoutFinding(current(), bob));
    expect(findingOf(result, bob).baselineState).toBe('new');
    expect(findingOf(result, alice).baselineState).toBe('existing');
    expect(result.summary.failing).toBe(1);
  });

  test('a new finding below --fail-on is marked new but does not fail', () => {
    const result = applyBaseline(
      current(),
      withoutFinding(current(), `arn:aws:iam::${ACCOUNT}:root`, 'test-account'),
    );
    expect(findingOf(result, `arn:aws:iam::${ACCOUNT}:root`, 'test-account').baselineState).toBe('new');
    expect(result.summary.failing).toBe(0);
  });

  test('a baseline finding that is gone is listed as fixed, without its old baseline marker', () => {
    const baseline = applyBaseline(current(), current());
    const result = applyBaseline(withoutFinding(current(), bob), baseline);
    expect(result.fixed).toHaveLength(1);
    expect(result.fixed![0]).toMatchObject({ ruleId: 'test-user-mfa', resource: bob });
    expect(result.fixed![0]!.baselineState).toBeUndefined();
  });

  test('a reworded message is still the same finding (the fingerprint ignores wording)', () => {
    // The same rule id, released with new wording for its messages.
    const rewordedRule = testRule('test-user-mfa', 'high', ['credentialReport'], (snapshot) =>
      sectionData(snapshot, 'credentialReport')
        .rows.filter((row) => !row.isRoot && !row.mfaActive)
        .map((row) => ({ resource: row.arn, message: `No MFA device is registered for ${row.user}.` })),
    );
    const baseline = buildReport({ rules: [rootKeyRule, rewordedRule, accountRule] });
    expect(findingOf(baseline, alice).message).not.toBe(findingOf(current(), alice).message);
    const result = applyBaseline(current(), baseline);
    expect(result.findings.every((f) => f.baselineState === 'existing')).toBe(true);
    expect(result.fixed).toEqual([]);
  });

  test('a finding whose severity changed is existing, not new', () => {
    const baseline = current();
    const lowered: Report = {
      ...baseline,
      findings: baseline.findings.map((f) => (f.resource === alice ? { ...f, severity: 'low' } : f)),
    };
    expect(findingOf(applyBaseline(current(), lowered), alice).baselineState).toBe('existing');
  });

  test('a suppressed baseline finding that is gone is fixed too', () => {
    const baseline = buildReport({
      suppressions: [{ rule: 'test-user-mfa', resource: bob, reason: 'break-glass user' }],
    });
    const result = applyBaseline(withoutFinding(current(), bob), baseline);
    expect(result.fixed!.map((f) => f.resource)).toEqual([bob]);
    expect(result.fixed![0]!.suppressed).toEqual({ reason: 'break-glass user', resource: bob });
  });

  test('findings of an account that could not be audited this time are not fixed, and a warning says so', () => {
    const baseline = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    const now = buildReport({
      accounts: [
        { snapshot: auditedSnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied on sts:AssumeRole' },
      ],
    });
    const result = applyBaseline(now, baseline);
    expect(result.fixed).toEqual([]);
    expect(result.warnings).toContain(
      '4 findings of the baseline could not be re-checked (account not audited or rule not evaluated in this run), so they are not reported as fixed.',
    );
  });

  test('findings of a rule that was not evaluated this time are not fixed', () => {
    const baseline = buildReport();
    const credentialReportDenied = buildReport({
      accounts: [{ snapshot: { ...auditedSnapshot(), sections: {} } }],
    });
    const result = applyBaseline(credentialReportDenied, baseline);
    // Only the account-level rule ran (it needs no section): its finding is still there.
    expect(result.fixed).toEqual([]);
  });

  test('findings of a rule that was not selected this time are not fixed', () => {
    const baseline = buildReport();
    const onlyAccountRule = buildReport({ rules: [accountRule] });
    expect(applyBaseline(onlyAccountRule, baseline).fixed).toEqual([]);
  });

  test('a finding in an account the baseline never saw is new', () => {
    const baseline = buildReport();
    const now = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    const result = applyBaseline(now, baseline);
    const other = result.findings.filter((f) => f.accountId === OTHER_ACCOUNT);
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((f) => f.baselineState === 'new')).toBe(true);
  });

  test('fixed findings are found once the problem is really gone from a re-checked account', () => {
    const clean = withCredentialReport(emptySnapshot(), [rootRow(), userRow('alice', { mfaActive: true })]);
    const result = applyBaseline(
      buildReport({ accounts: [{ snapshot: clean }], rules: [rootKeyRule, userMfaRule] }),
      current(),
    );
    expect(result.fixed!.map((f) => `${f.ruleId} ${f.resource}`).sort()).toEqual([
      `test-root-key arn:aws:iam::${ACCOUNT}:root`,
      `test-user-mfa ${alice}`,
      `test-user-mfa ${bob}`,
    ]);
  });

  test('does not change the report or the baseline it is given', () => {
    const report = current();
    const baseline = withoutFinding(current(), bob);
    const before = JSON.stringify([report, baseline]);
    applyBaseline(report, baseline);
    expect(JSON.stringify([report, baseline])).toBe(before);
  });
});
