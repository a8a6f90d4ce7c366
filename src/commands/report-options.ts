// Flags and steps shared by every command that produces a Report (audit, template): config and
// rule selection are resolved before any input is read or any AWS call is made, then the report
// is evaluated, compared with a baseline, rendered to stdout and to files, and turned into an
// exit code.
import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assessFramework } from '../compliance/assess.js';
import { checkAttestations, frameworkRuleIds, selectFrameworks } from '../compliance/selection.js';
import type { Framework } from '../compliance/types.js';
import type { Config, LoadedConfig } from '../config.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config.js';
import { evaluateAccounts } from '../engine/evaluate.js';
import type { ReportRunSettings } from '../engine/report.js';
import { assembleReport, partsOf, ruleIdsOf } from '../engine/report.js';
import type { ResolvedRule } from '../engine/resolve-rules.js';
import { resolveRules } from '../engine/resolve-rules.js';
import { InputError } from '../errors.js';
import { exitCodeFor } from '../report/exit-code.js';
import type { Report } from '../report/model.js';
import { readReportFile } from '../report/read-report.js';
import type { OutputFormat, RenderContext } from '../report/render.js';
import { OUTPUT_FORMATS, isOutputFormat, renderReport, writeReport } from '../report/render.js';
import { findRule, RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import type { AccountInput } from '../snapshot/account-input.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { NamedPath } from '../util/output-targets.js';
import { checkOutputTargets } from '../util/output-targets.js';
import { commaList } from './collection-flags.js';
import { addPluginOption } from './plugin-options.js';
import { printReport } from '../util/stdout.js';
import { terminalWidth } from '../util/terminal.js';

export interface ReportFlags {
  format: OutputFormat;
  output: string[];
  failOn?: Severity | 'none';
  allowIncomplete?: boolean;
  sarifAnchor?: string;
  config?: string;
  rules?: string[];
  excludeRules?: string[];
  showSuppressed?: boolean;
  baseline?: string;
  /** --framework (audit): report per control of these frameworks. */
  framework?: string[];
  plugin?: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addReportOptions(command: Command): Command {
  command
    .addOption(
      new Option('-f, --format <format>', 'format printed on stdout')
        .choices([...OUTPUT_FORMATS])
        .default('table'),
    )
    .option(
      '-o, --output <format=file>',
      'also write a report file, e.g. --output sarif=iamspect.sarif (repeatable; written atomically)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'lowest severity that fails the run with exit 1 (none: never)',
      ).choices([...SEVERITIES, 'none']),
    )
    .option('--allow-incomplete', 'exit 0 instead of 3 when some rules could not be evaluated')
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE} when present)`)
    .option(
      '--rules <ids>',
      'run only these rules (comma-separated ids; enables rules that are off by default)',
      commaList,
    )
    .option('--exclude-rules <ids>', 'skip these rules (comma-separated ids)', commaList)
    .option('--baseline <report.json>', 'a previous JSON report: only findings new since then fail the run')
    .option(
      '--sarif-anchor <file>',
      `file SARIF results point at when a finding has no source location (default: the config file, else ${DEFAULT_CONFIG_FILE})`,
    )
    .option('--show-suppressed', 'list suppressed findings in the table too');
  return addPluginOption(command);
}

/** Parses `--output sarif=out.sarif` pairs, rejecting unknown formats before anything runs. */
export function parseOutputs(outputs: string[]): Array<{ format: OutputFormat; file: string }> {
  return outputs.map((pair) => {
    const at = pair.indexOf('=');
    const format = at > 0 ? pair.slice(0, at) : '';
    const file = at > 0 ? pair.slice(at + 1) : '';
    if (!format || !file) {
      throw new InputError(
        `--output ${pair}: expected FORMAT=FILE`,
        'For example: --output sarif=iamspect.sarif',
      );
    }
    if (!isOutputFormat(format)) {
      throw new InputError(
        `--output ${pair}: unknown format "${format}"`,
        `Formats: ${OUTPUT_FORMATS.join(', ')}.`,
      );
    }
    return { format, file };
  });
}

/** Which rules of the registry a command runs, and how it says why it does not run another. */
export interface RuleScope {
  runs: (rule: AnyRule) => boolean;
  /** Why this command does not run `rule`: "a template rule, run by `iamspect template`". */
  whyNot: (rule: AnyRule) => string;
  /** The command that runs the others, for the hint. */
  otherCommand: string;
}

/** The config with its top-level `invariants` handed to the rule that checks them, as its options. */
function withInvariants(config: Config): Config {
  if (!config.invariants) return config;
  const settings = config.rules?.['access-invariant-violated'];
  const options = { ...settings?.options, invariants: config.invariants };
  return { ...config, rules: { ...config.rules, 'access-invariant-violated': { ...settings, options } } };
}

export interface PreparedRun {
  loaded: LoadedConfig;
  rules: ResolvedRule[];
  /** One warning per --rules id this command does not run (the others run). */
  notRun: string[];
  failOn: Severity | 'none';
  outputs: Array<{ format: OutputFormat; file: string }>;
  baseline?: Report;
  /** Frameworks the report judges per control (none: no compliance section). */
  frameworks?: Framework[];
}

/**
 * Everything that can be wrong with the user's input, checked up front: config file, rule ids,
 * rule options, output pairs and paths, baseline file. Called before any input is read and any
 * AWS call.
 */
export function prepareRun(
  flags: ReportFlags,
  options: {
    /** Fail-on when no --fail-on flag is given; `showcase` makes it win over the config file too (the demo). */
    defaultFailOn?: Severity | 'none';
    showcase?: boolean;
    scope?: RuleScope;
    /** The command's input files (a snapshot, templates): no output may overwrite one. */
    inputs?: readonly NamedPath[];
    /** The command reports per framework control (--framework and the config's `frameworks`). */
    compliance?: boolean;
    /** Every rule the run knows (`ruleRegistry`: the built-ins and the plugins' rules). */
    registry?: readonly AnyRule[];
  } = {},
): PreparedRun {
  const loaded = loadConfig(flags.config);
  const configFile = flags.config ?? DEFAULT_CONFIG_FILE;
  checkAttestations(loaded.config, configFile);
  const frameworks = options.compliance ? selectFrameworks(flags.framework ?? [], loaded.config) : [];
  const selection: { only?: string[]; exclude?: string[] } = {};
  // A framework's report runs the rules behind its controls, whatever else --rules names.
  if (flags.rules) selection.only = [...flags.rules, ...frameworkRuleIds(frameworks)];
  if (flags.excludeRules) selection.exclude = flags.excludeRules;
  // Ids and options are checked against the whole registry, so a command that runs only some
  // rules (template) still rejects a misspelt id instead of ignoring it.
  const registry = options.registry ?? RULES;
  const all = resolveRules(registry, withInvariants(loaded.config), selection, configFile);
  const scope = options.scope;
  const rules = scope ? all.filter((resolved) => scope.runs(resolved.rule)) : all;
  const notRun = scope ? rulesNotRun(flags.rules ?? [], scope, registry) : [];
  if (rules.length === 0 && scope && notRun.length > 0) {
    // Every id named belongs to the other command: say so rather than "selects none".
    throw new InputError(
      `no rules to run: ${notRun.join('; ')}`,
      `Run ${notRun.length === 1 ? 'it' : 'them'} with \`iamspect ${scope.otherCommand}\`, or choose rules this command runs (\`iamspect rules\` lists them).`,
    );
  }
  if (rules.length === 0) {
    // An empty selection would report "no findings" and pass: a gate must never pass on nothing.
    throw new InputError(
      'no rules to run: --rules, --exclude-rules and the config file together select none',
      'Run `iamspect rules` for the ids; an empty --rules value (an unset CI variable?) selects nothing.',
    );
  }
  const prepared: PreparedRun = {
    loaded,
    rules,
    notRun,
    failOn:
      flags.failOn ??
      (options.showcase ? options.defaultFailOn : undefined) ??
      loaded.config.failOn ??
      options.defaultFailOn ??
      'high',
    outputs: parseOutputs(flags.output),
    frameworks,
  };
  checkOutputTargets(
    prepared.outputs.map(({ format, file }) => ({ label: `--output ${format}=${file}`, path: file })),
    [
      ...(options.inputs ?? []),
      ...(flags.baseline ? [{ label: `--baseline ${flags.baseline}`, path: flags.baseline }] : []),
      ...(loaded.path ? [{ label: `the config file ${loaded.path}`, path: loaded.path }] : []),
    ],
  );
  if (flags.baseline) prepared.baseline = readReportFile(flags.baseline);
  return prepared;
}

/** "--rules ID: why" for each id of `ids` that `scope` does not run. */
function rulesNotRun(ids: readonly string[], scope: RuleScope, registry: readonly AnyRule[]): string[] {
  return ids.flatMap((id) => {
    const rule = findRule(id, registry);
    return rule && !scope.runs(rule) ? [`--rules ${id}: ${scope.whyNot(rule)}`] : [];
  });
}

/** The report's warnings for --rules ids this command does not run. */
function notRunWarnings(prepared: PreparedRun): string[] {
  return prepared.notRun.map((line) => `${line}.`);
}

/** How this run's settings (fail-on, suppressions, baseline, rules not run) shape its report. */
export function reportSettings(prepared: PreparedRun, today: Date): ReportRunSettings {
  return {
    failOn: prepared.failOn,
    generatedAt: today.toISOString(),
    suppressions: {
      entries: prepared.loaded.config.suppressions ?? [],
      ruleId: ruleIdsOf(prepared.rules),
      today,
    },
    notices: notRunWarnings(prepared),
    ...(prepared.baseline && { baseline: prepared.baseline }),
  };
}

export function buildReport(accounts: AccountInput[], prepared: PreparedRun, today = new Date()): Report {
  const parts = partsOf(evaluateAccounts(accounts, prepared.rules), prepared.rules);
  const report = assembleReport(parts, reportSettings(prepared, today));
  if (prepared.frameworks?.length) report.compliance = complianceOf(report, accounts, prepared, today);
  return report;
}

function complianceOf(report: Report, accounts: AccountInput[], prepared: PreparedRun, today: Date) {
  const snapshots = accounts.flatMap((account) => (account.snapshot ? [account.snapshot] : []));
  const input = {
    report,
    rules: prepared.rules,
    applies: (rule: AnyRule) => snapshots.some((snapshot) => !rule.appliesTo || rule.appliesTo(snapshot)),
    attestations: prepared.loaded.config.attestations ?? [],
    today,
  };
  return (prepared.frameworks ?? []).map((framework) => assessFramework(framework, input));
}

export function renderContext(
  flags: ReportFlags,
  prepared: PreparedRun,
  stream: NodeJS.WriteStream,
): RenderContext {
  const cwd = process.cwd();
  const anchor =
    flags.sarifAnchor ??
    prepared.loaded.config.sarifAnchor ??
    (prepared.loaded.path ? relativeTo(cwd, prepared.loaded.path) : DEFAULT_CONFIG_FILE);
  return {
    color: Boolean(stream.isTTY) && !process.env.NO_COLOR,
    width: terminalWidth(stream),
    showSuppressed: Boolean(flags.showSuppressed),
    sarifAnchor: anchor,
    cwd,
  };
}

function relativeTo(cwd: string, file: string): string {
  const absolute = resolve(cwd, file);
  return absolute.startsWith(`${cwd}/`) ? absolute.slice(cwd.length + 1) : absolute;
}

/**
 * Code scanning places results without a source line on the anchor file; when it does not exist
 * they show on a missing file. Undefined when the anchor exists or no result uses it.
 */
function missingAnchorWarning(
  report: Report,
  flags: ReportFlags,
  context: RenderContext,
): string | undefined {
  const anchored = [...report.findings, ...(report.fixed ?? [])].some((finding) => !finding.location);
  if (!anchored || existsSync(resolve(context.cwd, context.sarifAnchor))) return undefined;
  const consequence = 'GitHub code scanning will show them on a missing file';
  if (flags.sarifAnchor !== undefined) {
    return `--sarif-anchor ${flags.sarifAnchor} does not exist: SARIF results are anchored to it, and ${consequence}`;
  }
  return `SARIF results are anchored to ${context.sarifAnchor}, which does not exist: ${consequence}; pass --sarif-anchor FILE`;
}

/**
 * Writes every --output file (all of them, or none replaced), prints --format on stdout, and
 * returns the exit code. A report that cannot be written whole throws (exit 2).
 */
export function emitReport(report: Report, flags: ReportFlags, prepared: PreparedRun): number {
  const context = renderContext(flags, prepared, process.stdout);
  writeFilesAtomic(
    prepared.outputs.map(({ format, file }) => ({
      path: file,
      content: (write) => writeReport(format, report, { ...context, color: false }, write),
    })),
  );
  printReport(renderReport(flags.format, report, context));
  const writesSarif =
    flags.format === 'sarif' || prepared.outputs.some((output) => output.format === 'sarif');
  if (writesSarif) {
    const warning = missingAnchorWarning(report, flags, context);
    if (warning) process.stderr.write(`iamspect: warning: ${warning}\n`);
  }
  // The table shows warnings itself; machine formats keep stdout clean, so warnings go to stderr.
  if (flags.format !== 'table') {
    for (const warning of report.warnings) process.stderr.write(`iamspect: warning: ${warning}\n`);
  }
  return exitCodeFor(report, Boolean(flags.allowIncomplete));
}
