// Evaluation: every selected rule run on one account's snapshot, with what it could not judge
// (missing sections, unreadable resources) and its errors kept apart from its findings. Pure: no
// I/O, no clock (rules get the snapshot's collectedAt as now). What becomes of the results
// (suppressions, order, baseline, summary) is engine/report.ts's job.
import type {
  AccountReport,
  NotEvaluated,
  ReportFinding,
  ReportRule,
  RuleError,
  SectionReport,
} from '../report/model.js';
import { fingerprint } from '../report/fingerprint.js';
import { futureDateWarnings } from '../rules/shared/future-dates.js';
import type { AnyRule, Finding, Frameworks } from '../rules/types.js';
import type { AccountInput } from '../snapshot/account-input.js';
import { optionalSectionData } from '../snapshot/access.js';
import type { SectionName, Snapshot } from '../snapshot/schema.js';
import { SECTION_NAMES } from '../snapshot/schema.js';
import type { Placement } from '../template/locate.js';
import { templatePlacer } from '../template/locate.js';
import { effectiveFrameworks } from '../compliance/thresholds.js';
import type { ResolvedRule } from './resolve-rules.js';

/** What evaluating one account gave: the report's entry for it and its results, in rule order. */
export interface AccountEvaluation {
  account: AccountReport;
  /** The data the results rest on (absent for an account that could not be collected). */
  snapshot?: Snapshot;
  findings: ReportFinding[];
  notEvaluated: NotEvaluated[];
  ruleErrors: RuleError[];
  /** What the data itself warns of (dates after the collection time). */
  warnings: string[];
}

function sectionReports(snapshot: Snapshot): Partial<Record<SectionName, SectionReport>> {
  const out: Partial<Record<SectionName, SectionReport>> = {};
  for (const name of SECTION_NAMES) {
    const section = snapshot.sections[name];
    if (section)
      out[name] = section.error
        ? { status: section.status, error: section.error }
        : { status: section.status };
  }
  return out;
}

function missingSections(rule: AnyRule, snapshot: Snapshot): NotEvaluated['sections'] {
  const missing: NotEvaluated['sections'] = [];
  const needs = snapshot.source.kind === 'template' ? (rule.templateNeeds ?? rule.needs) : rule.needs;
  for (const name of needs) {
    const section = snapshot.sections[name];
    if (!section) missing.push({ name, status: 'absent' });
    else if (section.status !== 'ok') {
      missing.push(
        section.error
          ? { name, status: section.status, error: section.error }
          : { name, status: section.status },
      );
    }
  }
  return missing;
}

export function describeMissing(sections: NotEvaluated['sections']): string {
  return sections
    .map((s) => {
      if (s.status === 'absent') return `${s.name} was not collected`;
      const message = s.error?.message ? `: ${s.error.message}` : '';
      if (s.status === 'denied')
        return `${s.name}: access denied to ${s.error?.action ?? 'a read call'}${message}`;
      const call = s.error?.action ? ` (${s.error.action})` : '';
      const what = s.status === 'skipped' ? 'not collected' : 'collection failed';
      return `${s.name} ${what}${call}${message}`;
    })
    .join('; ');
}

/**
 * What one run of a rule could not judge: one entry per resource, its distinct reasons joined, in
 * the order the rule reported them (a user with two suspect keys is one gap, not two).
 */
class UnjudgedResources {
  private readonly reasons = new Map<string, string[]>();

  readonly add = (resource: string, reason: string): void => {
    const known = this.reasons.get(resource);
    if (!known) this.reasons.set(resource, [reason]);
    else if (!known.includes(reason)) known.push(reason);
  };

  entries(ruleId: string, accountId: string): NotEvaluated[] {
    return [...this.reasons].map(([resource, reasons]) => ({
      ruleId,
      accountId,
      resource,
      reason: reasons.join('; '),
      sections: [],
    }));
  }
}

/**
 * Evaluates each input as it comes, so a caller that reads its inputs one at a time (templates)
 * holds one snapshot in memory at a time.
 */
export function* evaluateAccounts(
  accounts: Iterable<AccountInput>,
  rules: readonly ResolvedRule[],
): Generator<AccountEvaluation> {
  for (const account of accounts) yield evaluateAccount(account, rules);
}

function unevaluatedAccount(account: AccountInput): AccountReport {
  return {
    accountId: account.accountId ?? 'unknown',
    partition: account.partition ?? 'aws',
    status: account.status ?? 'failed',
    reason: account.reason ?? 'not collected',
    ...(account.source ? { source: account.source } : {}),
    sections: {},
  };
}

function auditedAccount(snapshot: Snapshot): AccountReport {
  const credentialSection = snapshot.sections.credentialReport;
  return {
    accountId: snapshot.accountId,
    accountAlias: snapshot.accountAlias ?? null,
    partition: snapshot.partition,
    status: 'audited',
    collectedAt: snapshot.collectedAt,
    source: snapshot.source,
    credentialReportGeneratedAt:
      credentialSection?.status === 'ok' ? (credentialSection.data?.generatedTime ?? null) : null,
    sections: sectionReports(snapshot),
  };
}

function evaluateAccount(input: AccountInput, rules: readonly ResolvedRule[]): AccountEvaluation {
  const { snapshot } = input;
  if (!snapshot) {
    return {
      account: unevaluatedAccount(input),
      findings: [],
      notEvaluated: [],
      ruleErrors: [],
      warnings: [],
    };
  }
  const findings: ReportFinding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const ruleErrors: RuleError[] = [];
  const now = new Date(snapshot.collectedAt);
  const [template] = optionalSectionData(snapshot, 'cloudFormation')?.templates ?? [];
  const place = template ? templatePlacer(template) : undefined;
  for (const resolved of rules) {
    const { rule } = resolved;
    if (rule.appliesTo && !rule.appliesTo(snapshot)) continue;
    const missing = missingSections(rule, snapshot);
    if (missing.length > 0) {
      notEvaluated.push({
        ruleId: rule.id,
        accountId: snapshot.accountId,
        reason: describeMissing(missing),
        sections: missing,
      });
      continue;
    }
    const unjudged = new UnjudgedResources();
    let produced: Finding[];
    try {
      produced = rule.check({ snapshot, options: resolved.options, now, notEvaluated: unjudged.add });
    } catch (error) {
      // The rule error already makes the whole rule incomplete in this account.
      ruleErrors.push({
        ruleId: rule.id,
        accountId: snapshot.accountId,
        message: (error as Error).message ?? String(error),
      });
      continue;
    }
    notEvaluated.push(...unjudged.entries(rule.id, snapshot.accountId));
    // A control's id only while the options are as strict as its benchmark asks (compliance/thresholds).
    const frameworks = effectiveFrameworks(rule, resolved.options);
    for (const finding of produced) {
      const shown = place ? place({ ...finding, ruleId: rule.id }) : finding;
      if (shown) findings.push(reportFinding(resolved, frameworks, snapshot.accountId, finding, shown));
    }
  }
  return {
    account: auditedAccount(snapshot),
    snapshot,
    findings: dropSupersededFindings(findings, rules),
    notEvaluated,
    ruleErrors,
    warnings: futureDateWarnings(snapshot),
  };
}

/**
 * @param shown the finding's message and location as reported: the rule's own for an account; for a
 *   template, placed by template/locate.ts at its cause (read off the finding's subject), so code
 *   scanning can annotate the line.
 */
function reportFinding(
  { rule, severity: configured }: ResolvedRule,
  frameworks: ReportFinding['frameworks'],
  accountId: string,
  finding: Finding,
  shown: Pick<Placement, 'message'> & Partial<Placement>,
): ReportFinding {
  // A severity set in config wins; otherwise a finding may lower or raise its rule's default.
  const severity = configured !== rule.severity ? configured : (finding.severity ?? rule.severity);
  const result: ReportFinding = {
    ruleId: rule.id,
    title: rule.title,
    severity,
    accountId,
    resource: finding.resource,
    message: shown.message,
    fingerprint: fingerprint(rule.id, accountId, finding.resource, finding.discriminator),
    frameworks,
  };
  if (finding.discriminator !== undefined) result.discriminator = finding.discriminator;
  if (finding.evidence !== undefined) result.evidence = finding.evidence;
  if (shown.location !== undefined) result.location = shown.location;
  return result;
}

/** The report's entry for a rule that ran. */
export function toReportRule(resolved: ResolvedRule): ReportRule {
  const { rule } = resolved;
  return {
    id: rule.id,
    title: rule.title,
    severity: resolved.severity,
    needs: [...rule.needs],
    frameworks: effectiveFrameworks(rule, resolved.options),
    docs: rule.docs,
  };
}

/** What a finding is about: the same account, resource and discriminator is the same thing. */
function subjectKey(
  accountId: string | undefined,
  finding: Pick<ReportFinding, 'resource' | 'discriminator'>,
): string {
  return JSON.stringify([accountId, finding.resource, finding.discriminator ?? '']);
}

/**
 * One problem, one finding: drops a finding when a rule its rule is `supersededBy` found the same
 * thing in the same account. Only findings that were produced count, so when the specific rule was
 * disabled, not selected, not evaluated or failed, the general finding stays and the problem is
 * still reported. This runs before suppressions on purpose: a suppressed specific finding still
 * covers the problem (the user looked at it and decided), so the general finding does not come
 * back to ask the same question again. The finding that stays takes on the framework controls of
 * the ones it replaced, so a compliance view keeps every control that failed.
 */
function dropSupersededFindings(findings: ReportFinding[], rules: readonly ResolvedRule[]): ReportFinding[] {
  const supersededBy = new Map(rules.map(({ rule }) => [rule.id, rule.supersededBy ?? []]));
  const byRuleAndSubject = new Map<string, ReportFinding>();
  for (const finding of findings) {
    byRuleAndSubject.set(JSON.stringify([finding.ruleId, subjectKey(finding.accountId, finding)]), finding);
  }
  const coverersOf = (finding: ReportFinding): ReportFinding[] =>
    (supersededBy.get(finding.ruleId) ?? []).flatMap((id) => {
      const covering = byRuleAndSubject.get(JSON.stringify([id, subjectKey(finding.accountId, finding)]));
      return covering ? [covering] : [];
    });
  // The findings that stay and answer for a dropped one (through a dropped middle rule if need be).
  const keptCoverersOf = (finding: ReportFinding): ReportFinding[] =>
    coverersOf(finding).flatMap((covering) =>
      coverersOf(covering).length > 0 ? keptCoverersOf(covering) : [covering],
    );

  const kept: ReportFinding[] = [];
  for (const finding of findings) {
    const keepers = keptCoverersOf(finding);
    if (keepers.length === 0) kept.push(finding);
    for (const keeper of keepers) keeper.frameworks = mergeFrameworks(keeper.frameworks, finding.frameworks);
  }
  return kept;
}

function mergeFrameworks(into: Frameworks, from: Frameworks): Frameworks {
  const merged: Frameworks = { ...into };
  for (const [framework, ids] of Object.entries(from)) {
    merged[framework] = [...new Set([...(merged[framework] ?? []), ...ids])];
  }
  return merged;
}
