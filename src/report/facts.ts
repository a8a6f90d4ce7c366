// Plain-text facts about a report that the Markdown and HTML outputs both state the same way:
// the gate's verdict, how old the data is, how an account is named.
import { SEVERITIES } from '../rules/types.js';
import type { AccountReport, Report } from './model.js';

export type VerdictStatus = 'failed' | 'incomplete' | 'passed' | 'off';

export interface Verdict {
  status: VerdictStatus;
  /** One sentence, no markup. */
  text: string;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "1 critical, 3 high, 10 medium" (severities with findings only). */
export function severityCounts(report: Report): string {
  return SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
}

/** The exit-code logic of engine.ts in words: failing findings beat incompleteness. */
export function gateVerdict(report: Report): Verdict {
  const { summary, failOn } = report;
  const scope = report.fixed !== undefined ? 'new unsuppressed finding' : 'unsuppressed finding';
  if (summary.failing > 0) {
    return { status: 'failed', text: `Failed: ${plural(summary.failing, scope)} at or above ${failOn}.` };
  }
  const gaps = describeIncomplete(report);
  const gateOff = 'The gate is off (fail on: none).';
  if (gaps) {
    const checked = failOn === 'none' ? gateOff : `Nothing at or above ${failOn} among what was checked.`;
    return { status: 'incomplete', text: `Incomplete: ${gaps}. ${checked}` };
  }
  if (failOn === 'none') {
    // No pass or fail to announce, so the verdict says what there is.
    const found =
      summary.findings > 0
        ? `${plural(summary.findings, 'finding')}: ${severityCounts(report)}.`
        : 'No findings.';
    return { status: 'off', text: `${found} ${gateOff}` };
  }
  return { status: 'passed', text: `Passed: no ${scope} at or above ${failOn}.` };
}

/** One check that neither passed nor failed: a rule in an account, or a whole account (no ruleId). */
export interface Gap {
  ruleId?: string;
  accountId: string;
  why: string;
}

/** Everything that makes a report incomplete: accounts not audited, rules not evaluated, rule errors. */
export function incompleteChecks(report: Report): Gap[] {
  return [
    ...report.accounts
      .filter((a) => a.status === 'failed')
      .map((a) => ({
        accountId: a.accountId,
        why: `account could not be audited: ${a.reason ?? 'no reason recorded'}`,
      })),
    ...report.notEvaluated.map((n) => ({ ruleId: n.ruleId, accountId: n.accountId, why: n.reason })),
    ...report.ruleErrors.map((e) => ({
      ruleId: e.ruleId,
      accountId: e.accountId,
      why: `rule error: ${e.message}`,
    })),
  ];
}

/** "13 rule checks did not run and 1 account could not be audited" (empty when complete). */
export function describeIncomplete(report: Report): string {
  const checks = report.notEvaluated.length + report.ruleErrors.length;
  const accounts = report.accounts.filter((a) => a.status === 'failed').length;
  return [
    checks > 0 ? `${plural(checks, 'rule check')} did not run` : '',
    accounts > 0 ? `${plural(accounts, 'account')} could not be audited` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return 'unknown';
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * "2026-06-15 08:00 UTC, 4.0 h before collection". IAM serves a cached credential report for up
 * to 4 hours, so findings about passwords and keys can be that much older than the snapshot.
 */
export function credentialReportAge(account: AccountReport): string | undefined {
  const generated = account.credentialReportGeneratedAt;
  if (!generated) return undefined;
  if (!account.collectedAt) return formatUtc(generated);
  const hours = Math.max(0, Date.parse(account.collectedAt) - Date.parse(generated)) / 3_600_000;
  return `${formatUtc(generated)}, ${hours.toFixed(1)} h before collection`;
}

export function accountLabel(report: Report, accountId: string): string {
  const alias = report.accounts.find((a) => a.accountId === accountId)?.accountAlias;
  return alias ? `${accountId} (${alias})` : accountId;
}
