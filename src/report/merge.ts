// Merging JSON reports of one audit split into parts (`--shard K/N` jobs of a CI matrix, an AWS
// Batch array job, a Step Functions map): the accounts, findings, not-evaluated rules and rule
// errors of every part in one report, ordered as one run would order them, with the summary
// recomputed. Parts must come from the same report format and the same --fail-on, and no account
// may be in two parts; anything else is an InputError naming both files.
import { compareFindings, NEVER_A_PASS, summarize, whyNothingAudited } from '../engine.js';
import { InputError } from '../errors.js';
import type { Report, ReportRule } from './model.js';

export interface ReportPart {
  file: string;
  report: Report;
}

function byAccount<T extends { accountId: string }>(items: T[]): T[] {
  // Array.prototype.sort is stable: within an account the engine's order (rule order) is kept.
  return items.sort((a, b) => a.accountId.localeCompare(b.accountId));
}

function checkSameFailOn(parts: readonly ReportPart[]): void {
  const [first] = parts;
  const other = parts.find((part) => part.report.failOn !== first!.report.failOn);
  if (other) {
    throw new InputError(
      `${first!.file} was evaluated with --fail-on ${first!.report.failOn}, ${other.file} with --fail-on ${other.report.failOn}`,
      'Run every part of the audit with the same --fail-on (and config), then merge.',
    );
  }
}

function checkDisjointAccounts(parts: readonly ReportPart[]): void {
  const seen = new Map<string, string>();
  for (const { file, report } of parts) {
    for (const { accountId } of report.accounts) {
      const earlier = seen.get(accountId);
      if (earlier !== undefined) {
        throw new InputError(
          `account ${accountId} is in both ${earlier} and ${file}`,
          'Each account must be in exactly one report: merge the shards of one run (--shard 1/N ... N/N), each once.',
        );
      }
      seen.set(accountId, file);
    }
  }
}

/** The union of the parts' rules by id, in the order they first appear. */
function unionOfRules(parts: readonly ReportPart[]): ReportRule[] {
  const rules = new Map<string, ReportRule>();
  for (const { report } of parts)
    for (const rule of report.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  return [...rules.values()];
}

/** One report from several parts. Throws InputError when they do not belong to one run. */
export function mergeReports(parts: readonly ReportPart[]): Report {
  if (parts.length === 0) throw new InputError('merge: no report given', 'Pass the JSON reports to merge.');
  checkSameFailOn(parts);
  checkDisjointAccounts(parts);
  const reports = parts.map((part) => part.report);
  const fixed = reports.some((report) => report.fixed !== undefined)
    ? reports.flatMap((report) => report.fixed ?? []).sort(compareFindings)
    : undefined;
  const merged: Report = {
    schemaVersion: reports[0]!.schemaVersion,
    tool: reports[0]!.tool,
    generatedAt: reports
      .map((report) => report.generatedAt)
      .sort()
      .at(-1)!,
    failOn: reports[0]!.failOn,
    accounts: byAccount(reports.flatMap((report) => report.accounts)),
    rules: unionOfRules(parts),
    findings: reports.flatMap((report) => report.findings).sort(compareFindings),
    ...(fixed && { fixed }),
    notEvaluated: byAccount(reports.flatMap((report) => report.notEvaluated)),
    ruleErrors: byAccount(reports.flatMap((report) => report.ruleErrors)),
    warnings: [...new Set(reports.flatMap((report) => report.warnings))],
    summary: reports[0]!.summary,
  };
  merged.summary = summarize(merged);
  const nothingAudited = whyNothingAudited(merged.accounts, 'the reports');
  if (nothingAudited) {
    throw new InputError(
      `merge: nothing audited: ${nothingAudited}`,
      `${NEVER_A_PASS}: merge the reports of runs that audited accounts.`,
    );
  }
  return merged;
}
