// `iamspect explain`: why a finding fires, with its proof. From a JSON report by fingerprint (the
// report already holds the evidence), or by rule and resource on any source (judged again as audit
// judges it, with the config file's options, severities and suppressions).
// `--rule ID` alone explains the rule itself. A rule may be a plugin's (--plugin, the config file's
// plugins:), as everywhere else a rule id is accepted.
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config.js';
import { InputError, RunError } from '../errors.js';
import type { PathProof } from '../graph/proof.js';
import type { ReportFinding } from '../report/model.js';
import { readReportFile } from '../report/read-report.js';
import { findRule } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { terminalWidth } from '../util/terminal.js';
import { printReport } from '../util/stdout.js';
import { addFormatOption, COVERAGE, pathLines, print } from './graph-output.js';
import type { PluginFlags } from './plugin-options.js';
import { addPluginOption, ruleRegistry } from './plugin-options.js';
import { explainRule } from './rules.js';
import { AUDIT_SCOPE, prepareAudit } from './audit.js';
import { buildReport, prepareRun } from './report-options.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface ExplainFlags extends SourceFlags, PluginFlags {
  format: 'text' | 'json';
  report?: string;
  fingerprint?: string;
  rule?: string;
  resource?: string;
}

/** The rule `id` names in `registry` (the built-ins and the plugins' rules). */
function ruleNamed(id: string, registry: readonly AnyRule[], flags: PluginFlags): AnyRule {
  const rule = findRule(id, registry);
  if (rule) return rule;
  throw new InputError(
    `unknown rule id "${id}"`,
    flags.plugin?.length
      ? 'Run `iamspect rules --plugin FILE` with the same plugins to list the rule ids.'
      : 'Run `iamspect rules` to list the rule ids.',
  );
}

/** How `explain` answers: the finding as audit reports it, and why audit would not run its rule. */
type Explanation = ReportFinding & {
  /** Why audit, with this config, does not run the rule (the finding is then only explain's). */
  notRunByAudit?: string;
};

async function explanation(flags: ExplainFlags, liveGiven: readonly string[]): Promise<Explanation> {
  if (flags.report !== undefined || flags.fingerprint !== undefined) {
    if (!flags.report || !flags.fingerprint) {
      throw new InputError(
        '--report and --fingerprint go together',
        'Give a JSON report and the fingerprint of one of its findings.',
      );
    }
    const finding = readReportFile(flags.report).findings.find((f) => f.fingerprint === flags.fingerprint);
    if (!finding)
      throw new InputError(
        `${flags.report}: no finding with fingerprint ${flags.fingerprint}`,
        'Copy the fingerprint from the JSON report.',
      );
    return finding;
  }
  if (!flags.rule || !flags.resource) {
    throw new InputError(
      'explain needs --report FILE --fingerprint FP, or --rule ID (with --resource ARN for a finding)',
      'See iamspect explain --help.',
    );
  }
  return ruleExplanation(flags.rule, flags.resource, flags, liveGiven);
}

/** Why audit, with this config, does not run `rule`. */
function whyAuditSkips(rule: AnyRule): string {
  if (!AUDIT_SCOPE.runs(rule)) return AUDIT_SCOPE.whyNot(rule);
  return rule.enabledByDefault
    ? 'the config file disables this rule'
    : `the rule is off by default (enable it in the config file, or run audit --rules ${rule.id})`;
}

/**
 * The rule's finding on `resource`, judged the way audit judges it (prepareAudit: the config's rule
 * options, severities and suppressions; every rule audit runs, so a finding another rule supersedes
 * is dropped as in the report). A rule audit does not run is judged as `audit --rules ID` would.
 */
async function ruleExplanation(
  id: string,
  resource: string,
  flags: ExplainFlags,
  liveGiven: readonly string[],
): Promise<Explanation> {
  const registry = await ruleRegistry(flags);
  const rule = ruleNamed(id, registry, flags);
  // explain renders no report: no --output files, and its own --format.
  const reportFlags = { ...flags, format: 'json' as const, output: [] };
  const audited = prepareAudit(reportFlags, registry);
  const runByAudit = audited.rules.some((resolved) => resolved.rule.id === rule.id);
  const prepared = runByAudit ? audited : prepareRun({ ...reportFlags, rules: [rule.id] }, { registry });
  const snapshot = await readOneAccount(flags, liveGiven);
  const report = buildReport([{ snapshot }], { ...prepared, frameworks: [] });

  const finding = report.findings.find((f) => f.ruleId === rule.id && f.resource === resource);
  if (finding) return runByAudit ? finding : { ...finding, notRunByAudit: whyAuditSkips(rule) };
  // What the rule could not judge is an answer too: never "does not fire" for a resource it skipped.
  const unjudged = report.notEvaluated.find(
    (entry) => entry.ruleId === rule.id && (entry.resource === undefined || entry.resource === resource),
  );
  if (unjudged) throw new InputError(`${rule.id} could not judge ${resource}: ${unjudged.reason}`);
  const failed = report.ruleErrors.find((error) => error.ruleId === rule.id);
  if (failed) throw new RunError(`${rule.id} failed on this account: ${failed.message}`);
  const covering = report.findings.find(
    (f) => f.resource === resource && rule.supersededBy?.includes(f.ruleId),
  );
  if (covering)
    throw new InputError(
      `${rule.id} does not fire on ${resource} in the report: ${covering.ruleId} reports the same problem there and supersedes it`,
      `Run iamspect explain --rule ${covering.ruleId} --resource ${resource}.`,
    );
  throw new InputError(
    `${rule.id} does not fire on ${resource}`,
    'Check the ARN against a report of the same data.',
  );
}

/** The text line saying which suppression of the config file hides the finding. */
function suppressionLine({ resource, reason, expires }: NonNullable<ReportFinding['suppressed']>): string {
  return `Suppressed by the config file (${resource}${expires ? `, until ${expires}` : ''}): ${reason}`;
}

/**
 * The access-graph path a finding's evidence proves, if it holds one. Only the graph rules' `path`
 * is a PathProof: another rule's `path` may be anything, such as a plugin's IAM path string.
 */
function pathProofIn(evidence: Record<string, unknown> | undefined): PathProof | undefined {
  const path = evidence?.path as Partial<PathProof> | undefined;
  return Array.isArray(path?.hops) ? (path as PathProof) : undefined;
}

export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .summary('why a finding fires, with its proof')
    .option('--report <file>', 'a JSON report (with --fingerprint)')
    .option('--fingerprint <fp>', 'the fingerprint of a finding of --report')
    .option(
      '--rule <id>',
      "a rule id: alone, the rule's documentation; with --resource, the rule runs on the source",
    )
    .option('--resource <arn>', 'the resource of the finding')
    .option(
      '-c, --config <file>',
      `config file whose rule options, severities and suppressions audit applies (default: ./${DEFAULT_CONFIG_FILE} when present)`,
    );
  addFormatOption(command, ['text', 'json']);
  addSourceOptions(command, 'read');
  addPluginOption(command);
  command.action(async (flags: ExplainFlags, self: Command) => {
    if (flags.rule !== undefined && flags.resource === undefined && flags.report === undefined) {
      if (flags.format === 'json')
        throw new InputError(
          "--format json: a rule's documentation is text here",
          'Run `iamspect rules --format json` for every rule as JSON, or give --resource for a finding.',
        );
      printReport(
        explainRule(ruleNamed(flags.rule, await ruleRegistry(flags), flags), terminalWidth(process.stdout)),
      );
      return;
    }
    const found = await explanation(flags, liveOptionsGiven(self));
    if (flags.format === 'json') {
      print([JSON.stringify({ ...found, note: COVERAGE }, null, 2)]);
      return;
    }
    const path = pathProofIn(found.evidence);
    print([
      `${found.ruleId} on ${found.resource}`,
      found.message,
      ...(found.suppressed ? [suppressionLine(found.suppressed)] : []),
      ...(found.notRunByAudit ? [`Not reported by audit: ${found.notRunByAudit}.`] : []),
      ...(path
        ? ['Path, hop by hop:', ...pathLines(path)]
        : [`Evidence: ${JSON.stringify(found.evidence ?? {})}`]),
      COVERAGE,
    ]);
  });
}
