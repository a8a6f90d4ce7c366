// Suppressions from the config file: applied to a run's findings (an expired one is skipped, with
// a warning, and its findings count again), then kept honest: a warning before one runs out (so a
// gate does not start failing by surprise on a Monday) and for those that no longer match anything
// (the problem was fixed or the resource renamed), so the config file does not collect blanket
// exceptions nobody remembers.
import type { Suppression } from '../config.js';
import { recheckedIn } from '../report/baseline.js';
import type { Report, ReportFinding } from '../report/model.js';
import { findRule } from '../rules/index.js';
import { globMatch, STAR_ONLY } from '../util/glob.js';
import { MS_PER_DAY } from '../util/time.js';
import { plural } from '../util/words.js';

/** A suppression is expired once `today` is after its expires date (the expiry day itself still counts). */
export function isExpired(suppression: Suppression, today: Date): boolean {
  return suppression.expires !== undefined && today.toISOString().slice(0, 10) > suppression.expires;
}

/** The config's suppressions and how a rule id or alias written in one names a rule. */
export interface SuppressionSet {
  entries: readonly Suppression[];
  /** The id of the rule an id or alias names (itself when it names no rule). */
  ruleId: (idOrAlias: string) => string;
  /** The wall-clock day that decides expiry. */
  today: Date;
}

/**
 * Marks the findings an unexpired suppression matches (rule and resource glob) and returns one
 * warning per expired suppression, which no longer hides anything.
 */
export function applySuppressions(
  findings: readonly ReportFinding[],
  { entries, ruleId, today }: SuppressionSet,
): string[] {
  const warnings: string[] = [];
  const active = entries.filter((s) => {
    if (!isExpired(s, today)) return true;
    warnings.push(
      `Suppression of ${s.rule} for ${s.resource} expired on ${s.expires}: its findings count again (reason was: ${s.reason}).`,
    );
    return false;
  });
  for (const finding of findings) {
    const match = active.find(
      (s) => ruleId(s.rule) === finding.ruleId && globMatch(s.resource, finding.resource, STAR_ONLY),
    );
    if (match) {
      finding.suppressed = { reason: match.reason, resource: match.resource };
      if (match.expires) finding.suppressed.expires = match.expires;
    }
  }
  return warnings;
}

/** Warn this many days (or fewer) before a suppression's last day. */
export const EXPIRY_WARNING_DAYS = 14;

function utcDay(date: Date): number {
  return Date.parse(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
}

/** Whole days from `today` to the suppression's last day (0 = today is the last day). */
export function daysUntilExpiry(expires: string, today: Date): number {
  return Math.round((Date.parse(`${expires}T00:00:00Z`) - utcDay(today)) / MS_PER_DAY);
}

/**
 * The accounts of `report` whose findings the suppression's resource pattern could match. The
 * account is the fifth field of an ARN; a `*` in an earlier field can span colons, so then
 * every account is a candidate.
 */
function candidateAccounts(pattern: string, report: Report): string[] {
  const fields = pattern.split(':');
  const all = report.accounts.map((a) => a.accountId);
  if (fields.length < 6 || fields.slice(0, 4).some((f) => f.includes('*'))) return all;
  return all.filter((id) => globMatch(fields[4]!, id, STAR_ONLY));
}

/**
 * Warnings for the report: suppressions that expire within EXPIRY_WARNING_DAYS of `today`, and
 * stale ones. A suppression is stale only when this run could have seen its finding: every
 * account it can apply to was audited with its rule evaluated, and still nothing matched. A
 * suppression for an account this run did not cover (one config shared by per-account jobs) or
 * for a rule that did not run says nothing about staleness and is left alone.
 */
export function suppressionWarnings(
  report: Report,
  suppressions: readonly Suppression[],
  today: Date,
  canonicalRuleId: (id: string) => string = (id) => findRule(id)?.id ?? id,
): string[] {
  const warnings: string[] = [];
  const rechecked = recheckedIn(report);
  for (const suppression of suppressions) {
    if (isExpired(suppression, today)) continue;
    const what = `Suppression of ${suppression.rule} for ${suppression.resource}`;
    if (suppression.expires !== undefined) {
      const days = daysUntilExpiry(suppression.expires, today);
      if (days <= EXPIRY_WARNING_DAYS) {
        const when = days === 0 ? 'today is its last day' : `in ${plural(days, 'day')}`;
        warnings.push(
          `${what} expires on ${suppression.expires} (${when}): fix the finding or extend the suppression.`,
        );
      }
    }
    const ruleId = canonicalRuleId(suppression.rule);
    const matched = report.findings.some(
      (f) => f.ruleId === ruleId && globMatch(suppression.resource, f.resource, STAR_ONLY),
    );
    if (matched) continue;
    // A template report has no accounts: whether the whole scan re-checked the rule decides.
    const where = report.files
      ? [{ ruleId }]
      : candidateAccounts(suppression.resource, report).map((accountId) => ({ ruleId, accountId }));
    if (where.length > 0 && where.every(rechecked)) {
      warnings.push(
        `${what} matched no finding in this run: remove it from the config file if the problem is fixed.`,
      );
    }
  }
  return warnings;
}
