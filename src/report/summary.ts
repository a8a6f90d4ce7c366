// The report's counts and the gate's verdict on each finding: what fails the run, recomputed from
// the report itself whenever it changes (baseline, merge).
import type { Severity } from '../model/severity.js';
import { SEVERITIES, SEVERITY_RANK } from '../model/severity.js';
import { someOf } from '../util/words.js';
import type { AccountReport, Report, ReportFinding, Summary } from './model.js';

export function emptySummary(): Summary {
  return {
    findings: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    suppressed: 0,
    failing: 0,
    notEvaluated: 0,
    ruleErrors: 0,
    accounts: { audited: 0, failed: 0, skipped: 0 },
  };
}

/** Unsuppressed and at or above failOn, whatever baseline the report was made with. */
export function isAtOrAboveFailOn(finding: ReportFinding, failOn: Severity | 'none'): boolean {
  if (failOn === 'none' || finding.suppressed) return false;
  return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn];
}

/** Does this finding fail the gate? Unsuppressed, at or above failOn, and new when a baseline was used. */
export function isFailing(finding: ReportFinding, failOn: Severity | 'none'): boolean {
  return finding.baselineState !== 'existing' && isAtOrAboveFailOn(finding, failOn);
}

/** Recomputes the summary (after a baseline is applied, after a merge...). */
export function summarize(report: Report): Summary {
  const summary = emptySummary();
  for (const finding of report.findings) {
    if (finding.suppressed) {
      summary.suppressed++;
      continue;
    }
    summary.findings++;
    summary.bySeverity[finding.severity]++;
    if (isFailing(finding, report.failOn)) summary.failing++;
  }
  summary.notEvaluated = report.notEvaluated.length;
  summary.ruleErrors = report.ruleErrors.length;
  for (const account of report.accounts) summary.accounts[account.status]++;
  return summary;
}

/**
 * Why no account of `run` was audited ("every account of the run failed or was skipped (…)"),
 * or undefined when one was. A report of no account has no findings and would pass the gate, so
 * the commands stop with this instead (exit 2): nothing audited is never a pass.
 */
export function whyNothingAudited(
  accounts: ReadonlyArray<Pick<AccountReport, 'accountId' | 'status' | 'reason'>>,
  run = 'the run',
): string | undefined {
  if (accounts.some((account) => account.status === 'audited')) return undefined;
  if (accounts.length === 0) return `${run} lists no account`;
  const reasons = accounts.map(
    (account) => `${account.accountId} ${account.status}: ${account.reason ?? 'no reason recorded'}`,
  );
  return `every account of ${run} failed or was skipped (${someOf(reasons)})`;
}
