// The one way a Report is made, whatever the input (accounts, templates, the reports of a sharded
// run): the parts an input gave, then suppress → order → warnings → baseline → summary. The exit
// code is read off the result (report/exit-code.ts). A new input kind builds its parts and calls
// assembleReport; it never repeats these steps.
import type { Suppression } from '../config.js';
import type { Severity } from '../model/severity.js';
import { applyBaseline } from '../report/baseline.js';
import type {
  AccountReport,
  FileReport,
  NotEvaluated,
  Report,
  ReportFinding,
  ReportRule,
  ReportRun,
  RuleError,
} from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { compareFindings } from '../report/order.js';
import { emptySummary, summarize } from '../report/summary.js';
import { TOOL } from '../version.js';
import type { AccountInput } from '../snapshot/account-input.js';
import type { AccountEvaluation } from './evaluate.js';
import { evaluateAccounts, toReportRule } from './evaluate.js';
import type { ResolvedRule } from './resolve-rules.js';
import type { SuppressionSet } from './suppressions.js';
import { applySuppressions, suppressionWarnings } from './suppressions.js';

/** What an input gave, before the run's settings are applied. */
export interface ReportParts {
  rules: ReportRule[];
  accounts: AccountReport[];
  /** The files a template scan read (a template report has these and no accounts). */
  files?: FileReport[];
  findings: ReportFinding[];
  notEvaluated: NotEvaluated[];
  ruleErrors: RuleError[];
  /** What the input itself warns of (dates after the collection time, files skipped). */
  warnings: string[];
  /** Findings of a baseline that are gone, already decided (merged shard reports). */
  fixed?: ReportFinding[];
}

/** The run's settings: how the parts become the report. */
export interface ReportRunSettings {
  failOn: Severity | 'none';
  generatedAt: string;
  tool?: Report['tool'];
  run?: ReportRun;
  suppressions?: SuppressionSet;
  /** Said after the input's warnings: --rules ids this command does not run. */
  notices?: readonly string[];
  baseline?: Report;
}

/** The parts of evaluated accounts, in input order (findings are ordered later). */
export function partsOf(
  evaluations: Iterable<AccountEvaluation>,
  rules: readonly ResolvedRule[],
): ReportParts {
  const parts: ReportParts = {
    rules: rules.map(toReportRule),
    accounts: [],
    findings: [],
    notEvaluated: [],
    ruleErrors: [],
    warnings: [],
  };
  for (const evaluation of evaluations) {
    parts.accounts.push(evaluation.account);
    parts.findings.push(...evaluation.findings);
    parts.notEvaluated.push(...evaluation.notEvaluated);
    parts.ruleErrors.push(...evaluation.ruleErrors);
    parts.warnings.push(...evaluation.warnings);
  }
  return parts;
}

/** The id of the rule that an id or alias written in the config names, among the rules that run. */
export function ruleIdsOf(rules: readonly ResolvedRule[]): (idOrAlias: string) => string {
  const ids = new Map<string, string>();
  for (const { rule } of rules) {
    ids.set(rule.id, rule.id);
    for (const alias of rule.aliases ?? []) ids.set(alias, rule.id);
  }
  return (idOrAlias) => ids.get(idOrAlias) ?? idOrAlias;
}

export function assembleReport(parts: ReportParts, settings: ReportRunSettings): Report {
  const findings = [...parts.findings];
  const expired = settings.suppressions ? applySuppressions(findings, settings.suppressions) : [];
  findings.sort(compareFindings);
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: settings.tool ?? TOOL,
    generatedAt: settings.generatedAt,
    failOn: settings.failOn,
    ...(settings.run && { run: settings.run }),
    accounts: parts.accounts,
    ...(parts.files && { files: parts.files }),
    rules: parts.rules,
    findings,
    ...(parts.fixed && { fixed: parts.fixed }),
    notEvaluated: parts.notEvaluated,
    ruleErrors: parts.ruleErrors,
    warnings: [...parts.warnings, ...expired, ...(settings.notices ?? [])],
    summary: emptySummary(),
  };
  if (settings.suppressions) {
    const { entries, today, ruleId } = settings.suppressions;
    report.warnings.push(...suppressionWarnings(report, entries, today, ruleId));
  }
  const finished = settings.baseline ? applyBaseline(report, settings.baseline) : report;
  finished.summary = summarize(finished);
  return finished;
}

export interface EvaluateOptions {
  failOn?: Severity | 'none';
  /** Wall-clock day used for suppression expiry. */
  today: Date;
  suppressions?: Suppression[];
  generatedAt?: Date;
  notices?: readonly string[];
  baseline?: Report;
}

/** Accounts to report: every step, from evaluating each account to the summary. */
export function evaluate(
  accounts: Iterable<AccountInput>,
  rules: readonly ResolvedRule[],
  options: EvaluateOptions,
): Report {
  return assembleReport(partsOf(evaluateAccounts(accounts, rules), rules), {
    failOn: options.failOn ?? 'high',
    generatedAt: (options.generatedAt ?? options.today).toISOString(),
    suppressions: { entries: options.suppressions ?? [], ruleId: ruleIdsOf(rules), today: options.today },
    ...(options.notices && { notices: options.notices }),
    ...(options.baseline && { baseline: options.baseline }),
  });
}
