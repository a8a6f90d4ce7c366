// --baseline: compares a report with an earlier one by fingerprint, so a CI gate fails only on
// what is new. A fingerprint is hash(rule, account, resource, discriminator) and never the
// message, so rewording a message cannot turn an old finding into a new one.
//
// A finding only counts as fixed when this run actually re-checked it: its account was audited
// and its rule was evaluated there. An account that failed to collect, or a rule that was denied
// its data, must not make yesterday's findings look fixed.
import { summarize } from './summary.js';
import { plural } from '../util/words.js';
import type { Report, ReportFinding } from './model.js';

/**
 * Whether `report` ran the finding's rule to completion where the finding was: its account, or in a
 * template report its file (so an absent finding means "not there").
 */
export type RecheckTest = (finding: {
  ruleId: string;
  accountId?: string;
  location?: { file: string };
}) => boolean;

export function recheckedIn(report: Report): RecheckTest {
  const ran = new Set(report.rules.map((r) => r.id));
  const gaps = [...report.notEvaluated, ...report.ruleErrors];
  if (report.files) {
    // A template report places no finding in an account (a baseline written before `files` placed
    // them all in one placeholder account): the finding's file (every file, for a finding of no
    // file) must have been analysed whole, and its rule must have run on every template, since a
    // gap there names no file.
    const analysed = new Set(report.files.filter((f) => f.status === 'analysed').map((f) => f.path));
    const everyFile = analysed.size === report.files.length;
    const incompleteRules = new Set(gaps.map((entry) => entry.ruleId));
    return ({ ruleId, location }) =>
      (location === undefined ? everyFile : analysed.has(location.file)) &&
      ran.has(ruleId) &&
      !incompleteRules.has(ruleId);
  }
  const audited = new Set(report.accounts.filter((a) => a.status === 'audited').map((a) => a.accountId));
  const incomplete = new Set(gaps.map((entry) => pairKey(entry.ruleId, entry.accountId)));
  return ({ ruleId, accountId }) =>
    accountId !== undefined &&
    audited.has(accountId) &&
    ran.has(ruleId) &&
    !incomplete.has(pairKey(ruleId, accountId));
}

function pairKey(ruleId: string, accountId: string | undefined): string {
  return `${ruleId}\u0000${accountId}`;
}

export function fingerprints(findings: readonly ReportFinding[]): Set<string> {
  return new Set(findings.map((f) => f.fingerprint));
}

/** An earlier finding as it appears in a fixed list: its own baseline marker belongs to its run. */
export function asFixed(finding: ReportFinding): ReportFinding {
  const { baselineState: _ignored, ...rest } = finding;
  return rest;
}

/**
 * Marks every finding of `report` new or existing relative to `baseline`, lists the baseline's
 * findings that are gone as `fixed` (suppressed ones included: they are fixed too), and
 * recomputes the summary so only new findings fail the gate. Returns a new report.
 */
export function applyBaseline(report: Report, baseline: Report): Report {
  const before = fingerprints(baseline.findings);
  const now = fingerprints(report.findings);
  const rechecked = recheckedIn(report);

  const findings = report.findings.map((f): ReportFinding => ({
    ...f,
    baselineState: before.has(f.fingerprint) ? 'existing' : 'new',
  }));
  const gone = baseline.findings.filter((f) => !now.has(f.fingerprint));
  const fixed = gone.filter(rechecked).map(asFixed);
  const notRechecked = gone.length - fixed.length;

  const warnings = [...report.warnings];
  if (notRechecked > 0) {
    warnings.push(
      `${plural(notRechecked, 'finding')} of the baseline could not be re-checked ` +
        '(account not audited or rule not evaluated in this run), so they are not reported as fixed.',
    );
  }
  const result: Report = { ...report, findings, fixed, warnings };
  result.summary = summarize(result);
  return result;
}
