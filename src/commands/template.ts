// `iamspect template PATH...`: judges CloudFormation templates before they are deployed, with every
// rule a template can answer (policy, trust and user rules on the declared IAM resources, plus the
// template rules), and points each finding at its file, line and column.
import type { Command } from 'commander';
import { evaluateAccounts, toReportRule } from '../engine/evaluate.js';
import { assembleReport } from '../engine/report.js';
import { InputError } from '../errors.js';
import { fingerprint } from '../report/fingerprint.js';
import type { FileReport, NotEvaluated, Report, ReportFinding, RuleError } from '../report/model.js';
import type { AnyRule } from '../rules/types.js';
import type { SectionName } from '../snapshot/schema.js';
import { TEMPLATE_EXTENSIONS } from '../template/files.js';
import type { ScanOptions, ScannedFile, TemplateFailure } from '../template/scan.js';
import { describeFailure } from '../template/scan.js';
import { scanTemplatesInParallel } from '../template/parallel-scan.js';
import { plural } from '../util/words.js';
import { TEMPLATE_SECTIONS } from '../template/to-snapshot.js';
import { ruleRegistry } from './plugin-options.js';
import type { PreparedRun, ReportFlags, RuleScope } from './report-options.js';
import { addReportOptions, emitReport, prepareRun, reportSettings } from './report-options.js';

interface TemplateFlags extends ReportFlags {
  stdinFilename?: string;
  accountId?: string;
  tfDir?: string;
}

const TEMPLATE_SECTION_SET: ReadonlySet<SectionName> = new Set(TEMPLATE_SECTIONS);

/** The rules whose `runsOn` includes templates. */
export function runsOnTemplates(rule: AnyRule): boolean {
  return rule.runsOn !== 'account';
}

/** Rules a template cannot feed, named with the reason when --rules asks for them. */
const TEMPLATE_SCOPE: RuleScope = {
  runs: runsOnTemplates,
  whyNot: (rule) => {
    const missing = (rule.templateNeeds ?? rule.needs).filter((name) => !TEMPLATE_SECTION_SET.has(name));
    const why =
      missing.length > 0
        ? `it needs ${missing.join(', ')}, which a template does not have`
        : 'it judges a whole account, and a template holds only part of one';
    return `not run on templates, ${why}`;
  },
  otherCommand: 'audit',
};

/** What a scan amounts to: the report, and what became of the files that are not in it. */
export interface TemplateRun {
  report: Report;
  /** Templates evaluated (0: there was nothing to judge). */
  templates: number;
  failures: TemplateFailure[];
  notTemplates: string[];
}

/** What became of one scanned file, as the report's `files` list says it. */
function fileEntry(scanned: ScannedFile): FileReport | undefined {
  if (scanned.kind === 'not-template') return undefined;
  if (scanned.kind === 'failure') {
    return { path: scanned.failure.file, status: 'failed', reason: describeFailure(scanned.failure) };
  }
  const entry: FileReport = { path: scanned.snapshot.source.path!, kind: scanned.format, status: 'analysed' };
  if (scanned.notAnalysed.length === 0) return entry;
  return { ...entry, status: 'not-analysed', reason: scanned.notAnalysed.map(describeFailure).join('; ') };
}

/**
 * A template report judges files, not accounts: its entries name no account. The placeholder
 * account the engine evaluated them in stays in the ARNs and the fingerprints only.
 */
function withoutAccount<T extends { accountId?: string }>(entry: T): Omit<T, 'accountId'> {
  const { accountId: _placeholder, ...rest } = entry;
  return rest;
}

/**
 * A template's findings (the engine placed each at the location of its cause) with a fingerprint
 * that includes the template's file: one resource name in two templates is two resources.
 */
function fileScoped(findings: ReportFinding[]): ReportFinding[] {
  return findings.map((finding) => {
    if (!finding.location) return finding;
    const scoped = `${finding.location.file}#${finding.resource}`;
    // Hashed with the placeholder account, as before reports had files, so baselines keep matching.
    return {
      ...finding,
      fingerprint: fingerprint(finding.ruleId, finding.accountId!, scoped, finding.discriminator),
    };
  });
}

/**
 * Evaluates each template on its own, as it is read (two templates may both declare a user
 * `admin`; they are different users, and only a few templates are held in memory at a time), and
 * combines the results into one report: every finding carries the location of its cause, and its
 * fingerprint includes the template's file, so a baseline tells the two `admin` users apart.
 * Broken files are failed entries, which makes the run incomplete (exit 3).
 */
class TemplateRunBuilder {
  private readonly findings: ReportFinding[] = [];
  // A rule not evaluated as a whole is so alike in every template: listed once. A resource it could
  // not judge belongs to one template, which its reason names.
  private readonly notEvaluated = new Map<string, NotEvaluated>();
  private readonly unjudged: NotEvaluated[] = [];
  private readonly ruleErrors: RuleError[] = [];
  private readonly failures: TemplateFailure[] = [];
  private readonly notTemplates: string[] = [];
  private readonly scannedFiles: FileReport[] = [];
  private templates = 0;

  constructor(private readonly prepared: PreparedRun) {}

  add(scanned: ScannedFile): void {
    const entry = fileEntry(scanned);
    if (entry) this.scannedFiles.push(entry);
    if (scanned.kind === 'failure') this.failures.push(scanned.failure);
    if (scanned.kind === 'not-template') this.notTemplates.push(scanned.file);
    if (scanned.kind !== 'template') return;
    this.failures.push(...scanned.notAnalysed);
    const { snapshot } = scanned;
    for (const evaluation of evaluateAccounts([{ snapshot }], this.prepared.rules)) {
      this.templates++;
      this.findings.push(...fileScoped(evaluation.findings).map(withoutAccount));
      for (const item of evaluation.notEvaluated.map(withoutAccount)) {
        if (item.resource === undefined) this.notEvaluated.set(item.ruleId, item);
        else this.unjudged.push({ ...item, reason: `${snapshot.source.path}: ${item.reason}` });
      }
      for (const error of evaluation.ruleErrors.map(withoutAccount)) {
        this.ruleErrors.push({ ...error, message: `${snapshot.source.path}: ${error.message}` });
      }
    }
  }

  finish(today: Date): TemplateRun {
    const { notTemplates } = this;
    const warnings =
      notTemplates.length > 0
        ? [
            `Skipped ${plural(notTemplates.length, 'file')} that ${notTemplates.length === 1 ? 'is' : 'are'} ` +
              `not a CloudFormation template (no Resources with an AWS:: type): ${notTemplates.join(', ')}.`,
          ]
        : [];
    const parts = {
      rules: this.prepared.rules.map(toReportRule),
      accounts: [],
      files: this.scannedFiles,
      findings: this.findings,
      notEvaluated: [...this.notEvaluated.values(), ...this.unjudged],
      ruleErrors: this.ruleErrors,
      warnings,
    };
    const report = assembleReport(parts, reportSettings(this.prepared, today));
    return { report, templates: this.templates, failures: this.failures, notTemplates };
  }
}

/** The report of templates read one at a time on this thread. */
export function templateReport(
  files: Iterable<ScannedFile>,
  prepared: PreparedRun,
  today = new Date(),
): TemplateRun {
  const builder = new TemplateRunBuilder(prepared);
  for (const scanned of files) builder.add(scanned);
  return builder.finish(today);
}

/** The report of templates as a parallel scan delivers them (in the order of the files). */
export async function templateReportOf(
  files: AsyncIterable<ScannedFile>,
  prepared: PreparedRun,
  today = new Date(),
): Promise<TemplateRun> {
  const builder = new TemplateRunBuilder(prepared);
  for await (const scanned of files) builder.add(scanned);
  return builder.finish(today);
}

/** Why a scan found nothing to judge, naming each file and what was wrong with it. */
function nothingScanned(paths: readonly string[], run: TemplateRun): InputError {
  const parts = [
    ...run.failures.map(describeFailure),
    ...run.notTemplates.map(
      (file) => `${file}: not a CloudFormation template (no Resources with an AWS:: type)`,
    ),
  ];
  if (parts.length === 0) {
    return new InputError(
      `${paths.join(' ')}: no ${TEMPLATE_EXTENSIONS.join(', ')} files found`,
      'Give template files or directories that contain them (use - for standard input).',
    );
  }
  return new InputError(
    `no CloudFormation template could be scanned: ${parts.join('; ')}`,
    'Fix the files named above, or point iamspect template at your templates.',
  );
}

export async function runTemplate(
  paths: string[],
  flags: TemplateFlags,
  scanOptions: ScanOptions = {},
  registry?: readonly AnyRule[],
): Promise<number> {
  // Config, rule ids, outputs and baseline are checked before any file is read.
  const prepared = prepareRun(flags, {
    ...(registry && { registry }),
    scope: TEMPLATE_SCOPE,
    inputs: paths.filter((path) => path !== '-').map((path) => ({ label: `the input ${path}`, path })),
  });
  const options: ScanOptions = { ...scanOptions };
  if (flags.stdinFilename !== undefined) options.stdinName = flags.stdinFilename;
  if (flags.accountId !== undefined) {
    if (!/^\d{12}$/.test(flags.accountId)) {
      throw new InputError(
        `--account-id ${flags.accountId}: not an AWS account id`,
        'Give the 12 digits of the account the templates are deployed to.',
      );
    }
    options.accountId = flags.accountId;
  }
  if (flags.tfDir !== undefined) options.tfDir = flags.tfDir;
  const run = await templateReportOf(scanTemplatesInParallel(paths, options), prepared);
  if (run.templates === 0) throw nothingScanned(paths, run);
  // The table lists them; machine formats keep stdout for the report, so they are said on stderr.
  if (flags.format !== 'table') {
    for (const failure of run.failures) process.stderr.write(`iamspect: ${describeFailure(failure)}\n`);
  }
  return emitReport(run.report, flags, prepared);
}

export function registerTemplate(program: Command): void {
  const command = program
    .command('template')
    .summary('scan CloudFormation/SAM templates and Terraform plans before they are deployed')
    .description(
      [
        `Scan CloudFormation and SAM templates (YAML with short-form tags, or JSON) and Terraform plans or states (terraform show -json) with the policy, trust and user rules and the template rules. PATH is a file, a directory (searched recursively for ${TEMPLATE_EXTENSIONS.join(', ')} files) or - for standard input. Findings carry the file, line and column of their cause; SARIF points GitHub code scanning at that line.`,
        '',
        'Exit codes: 0 clean, 1 findings at or above --fail-on, 2 nothing could be scanned, 3 some file could not be read or parsed (--allow-incomplete turns it into 0).',
      ].join('\n'),
    )
    .argument('<paths...>', 'template files or directories, or - for standard input')
    .option('--stdin-filename <path>', 'path to report for the template read from - (e.g. for SARIF)')
    .option(
      '--account-id <id>',
      'the account the templates are deployed to (AWS::AccountId; any other account is another account)',
    )
    .option(
      '--tf-dir <dir>',
      "where a Terraform plan's .tf files are (default: beside the plan), so findings point at resource blocks",
    );
  addReportOptions(command);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  iamspect template infra/',
      '  iamspect template stack.yaml --output sarif=iamspect.sarif --fail-on high',
      '  cat stack.yaml | iamspect template - --stdin-filename stack.yaml --format json',
    ].join('\n'),
  );
  command.action(async (paths: string[], flags: TemplateFlags) => {
    process.exitCode = await runTemplate(paths, flags, {}, await ruleRegistry(flags));
  });
}
