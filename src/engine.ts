// evaluate(snapshots, rules, config) -> Report. Pure: no I/O, no clock (the caller passes `today`
// for suppression expiry; rules get each snapshot's collectedAt as now).
import { createHash } from 'node:crypto';
import { effectiveFrameworks } from './compliance/thresholds.js';
import type { Config, Suppression } from './config.js';
import { describeZodError } from './config.js';
import { InputError } from './errors.js';
import type {
  AccountReport,
  NotEvaluated,
  Report,
  ReportFinding,
  ReportRule,
  RuleError,
  SectionReport,
  Summary,
} from './report/model.js';
import { REPORT_SCHEMA_VERSION } from './report/model.js';
import type { AnyRule, Finding, Frameworks, Severity } from './rules/types.js';
import { SEVERITIES, SEVERITY_RANK } from './rules/types.js';
import { futureDateWarnings } from './rules/shared/future-dates.js';
import type { SectionName, Snapshot } from './snapshot/schema.js';
import { SECTION_NAMES } from './snapshot/schema.js';
import { TOOL } from './version.js';

/** A rule ready to run: options parsed, severity and enablement resolved from config. */
export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export interface RuleSelection {
  /** --rules: only these ids (enables rules that are off by default). */
  only?: string[];
  /** --exclude-rules */
  exclude?: string[];
}

function ruleById(rules: readonly AnyRule[]): Map<string, AnyRule> {
  const map = new Map<string, AnyRule>();
  for (const rule of rules) {
    map.set(rule.id, rule);
    for (const alias of rule.aliases ?? []) map.set(alias, rule);
  }
  return map;
}

function unknownRule(id: string, where: string): InputError {
  return new InputError(`${where}: unknown rule id "${id}"`, 'Run `iamspect rules` to list the rule ids.');
}

/** Applies config and --rules/--exclude-rules to the registry. Throws InputError naming the bad id or option. */
export function resolveRules(
  registry: readonly AnyRule[],
  config: Config,
  selection: RuleSelection = {},
  configFile = 'config',
): ResolvedRule[] {
  const byId = ruleById(registry);
  for (const id of Object.keys(config.rules ?? {})) {
    if (!byId.has(id)) throw unknownRule(id, `${configFile}: rules.${id}`);
  }
  for (const s of config.suppressions ?? []) {
    if (!byId.has(s.rule)) throw unknownRule(s.rule, `${configFile}: suppressions rule`);
  }
  const only = selection.only?.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw unknownRule(id, '--rules');
    return rule.id;
  });
  const excluded = new Set(
    (selection.exclude ?? []).map((id) => {
      const rule = byId.get(id);
      if (!rule) throw unknownRule(id, '--exclude-rules');
      return rule.id;
    }),
  );

  const resolved: ResolvedRule[] = [];
  for (const rule of registry) {
    const settings = config.rules?.[rule.id] ?? aliasSettings(rule, config);
    const enabled = only ? only.includes(rule.id) : (settings?.enabled ?? rule.enabledByDefault);
    if (!enabled || excluded.has(rule.id)) continue;
    const parsed = rule.options.safeParse(settings?.options ?? {});
    if (!parsed.success) {
      throw new InputError(
        `${configFile}: ${describeZodError(parsed.error, ['rules', rule.id, 'options'])}`,
        `Run \`iamspect rules --explain ${rule.id}\` for the options and their defaults.`,
      );
    }
    resolved.push({ rule, severity: settings?.severity ?? rule.severity, options: parsed.data });
  }
  return resolved;
}

function aliasSettings(rule: AnyRule, config: Config) {
  for (const alias of rule.aliases ?? []) {
    const settings = config.rules?.[alias];
    if (settings) return settings;
  }
  return undefined;
}

export function fingerprint(ruleId: string, accountId: string, resource: string, discriminator = ''): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, accountId, resource, discriminator]))
    .digest('hex');
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last))
    return false;
  let cursor = first.length;
  const end = value.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const at = value.indexOf(middle, cursor);
    if (at < 0 || at + middle.length > end) return false;
    cursor = at + middle.length;
  }
  return true;
}

/** A suppression is expired once `today` is after its expires date (the expiry day itself still counts). */
export function isExpired(suppression: Suppression, today: Date): boolean {
  return suppression.expires !== undefined && today.toISOString().slice(0, 10) > suppression.expires;
}

export interface AccountInput {
  snapshot?: Snapshot;
  /** For accounts that could not be audited (org mode). */
  accountId?: string;
  partition?: string;
  status?: 'failed' | 'skipped';
  reason?: string;
  /** What the account's data would have come from (a template file that could not be parsed). */
  source?: { kind: string; path?: string };
}

export interface EvaluateOptions {
  failOn?: Severity | 'none';
  /** Wall-clock day used for suppression expiry. */
  today: Date;
  suppressions?: Suppression[];
  generatedAt?: Date;
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

function toReportRule(resolved: ResolvedRule): ReportRule {
  const { rule } = resolved;
  return {
    id: rule.id,
    title: rule.title,
    severity: resolved.severity,
    needs: rule.needs,
    frameworks: effectiveFrameworks(rule, resolved.options),
    docs: rule.docs,
  };
}

export function evaluate(accounts: AccountInput[], rules: ResolvedRule[], options: EvaluateOptions): Report {
  const findings: ReportFinding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const ruleErrors: RuleError[] = [];
  const accountReports: AccountReport[] = [];
  const warnings: string[] = [];

  for (const account of accounts) {
    const snapshot = account.snapshot;
    if (!snapshot) {
      accountReports.push({
        accountId: account.accountId ?? 'unknown',
        partition: account.partition ?? 'aws',
        status: account.status ?? 'failed',
        reason: account.reason ?? 'not collected',
        ...(account.source ? { source: account.source } : {}),
        sections: {},
      });
      continue;
    }
    const credentialSection = snapshot.sections.credentialReport;
    accountReports.push({
      accountId: snapshot.accountId,
      accountAlias: snapshot.accountAlias ?? null,
      partition: snapshot.partition,
      status: 'audited',
      collectedAt: snapshot.collectedAt,
      source: snapshot.source,
      credentialReportGeneratedAt:
        credentialSection?.status === 'ok' ? (credentialSection.data?.generatedTime ?? null) : null,
      sections: sectionReports(snapshot),
    });
    warnings.push(...futureDateWarnings(snapshot));

    const now = new Date(snapshot.collectedAt);
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
        // A severity set in config wins; otherwise a finding may lower or raise its rule's default.
        const severity =
          resolved.severity !== rule.severity ? resolved.severity : (finding.severity ?? rule.severity);
        const reportFinding: ReportFinding = {
          ruleId: rule.id,
          title: rule.title,
          severity,
          accountId: snapshot.accountId,
          resource: finding.resource,
          message: finding.message,
          fingerprint: fingerprint(rule.id, snapshot.accountId, finding.resource, finding.discriminator),
          frameworks,
        };
        if (finding.discriminator !== undefined) reportFinding.discriminator = finding.discriminator;
        if (finding.evidence !== undefined) reportFinding.evidence = finding.evidence;
        if (finding.location !== undefined) reportFinding.location = finding.location;
        findings.push(reportFinding);
      }
    }
  }

  const reported = dropSupersededFindings(findings, rules);

  const aliasToId = new Map<string, string>();
  for (const { rule } of rules) {
    aliasToId.set(rule.id, rule.id);
    for (const alias of rule.aliases ?? []) aliasToId.set(alias, rule.id);
  }
  const suppressions = options.suppressions ?? [];
  const active = suppressions.filter((s) => {
    if (!isExpired(s, options.today)) return true;
    warnings.push(
      `Suppression of ${s.rule} for ${s.resource} expired on ${s.expires}: its findings count again (reason was: ${s.reason}).`,
    );
    return false;
  });
  for (const finding of reported) {
    const match = active.find(
      (s) =>
        (aliasToId.get(s.rule) ?? s.rule) === finding.ruleId && globMatches(s.resource, finding.resource),
    );
    if (match) {
      finding.suppressed = { reason: match.reason, resource: match.resource };
      if (match.expires) finding.suppressed.expires = match.expires;
    }
  }

  reported.sort(compareFindings);
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: TOOL,
    generatedAt: (options.generatedAt ?? options.today).toISOString(),
    failOn: options.failOn ?? 'high',
    accounts: accountReports,
    rules: rules.map(toReportRule),
    findings: reported,
    notEvaluated,
    ruleErrors,
    warnings,
    summary: emptySummary(),
  };
  report.summary = summarize(report);
  return report;
}

/** What a finding is about: the same account, resource and discriminator is the same thing. */
function subjectKey(accountId: string, finding: Pick<ReportFinding, 'resource' | 'discriminator'>): string {
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

export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.accountId.localeCompare(b.accountId) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.resource.localeCompare(b.resource) ||
    (a.discriminator ?? '').localeCompare(b.discriminator ?? '')
  );
}

function emptySummary(): Summary {
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

/** How every hint of a run stopped for auditing nothing begins. */
export const NEVER_A_PASS = 'Nothing audited is never a pass';

/** "a; b; c; and 2 more": an error line names a few of the items, never hundreds. */
export function someOf(items: readonly string[], shown = 3): string {
  const more = items.length > shown ? `; and ${items.length - shown} more` : '';
  return `${items.slice(0, shown).join('; ')}${more}`;
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

export const EXIT = { clean: 0, findings: 1, cannotRun: 2, incomplete: 3 } as const;

/** The CI contract: findings beat incompleteness; incompleteness is never a silent pass. */
export function exitCodeFor(report: Report, allowIncomplete: boolean): number {
  if (report.summary.failing > 0) return EXIT.findings;
  const incomplete =
    report.summary.notEvaluated > 0 ||
    report.summary.ruleErrors > 0 ||
    report.summary.accounts.failed > 0 ||
    report.run?.partial !== undefined;
  if (incomplete && !allowIncomplete) return EXIT.incomplete;
  return EXIT.clean;
}
