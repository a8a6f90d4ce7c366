// `iamspect merge REPORT... -o FILE`: combine the JSON reports of an audit that ran in parts (the
// shards of `audit --org --shard K/N`) into one, print it (--format, default table) and exit with
// the code one unsharded run would have had.
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config.js';
import { exitCodeFor } from '../report/exit-code.js';
import { writeJson } from '../report/json.js';
import type { ReportPart } from '../engine/merge.js';
import { mergeReports, partialWarning } from '../engine/merge.js';
import { readReportFile } from '../report/read-report.js';
import type { OutputFormat } from '../report/render.js';
import { OUTPUT_FORMATS, renderReport } from '../report/render.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkOutputTargets } from '../util/output-targets.js';
import { printReport } from '../util/stdout.js';
import { terminalWidth } from '../util/terminal.js';

export interface MergeFlags {
  output: string;
  format: OutputFormat;
  allowIncomplete?: boolean;
  allowPartial?: boolean;
  sarifAnchor?: string;
}

/**
 * Reads and validates each report on its own, as diff and --baseline do, so a SARIF file, a
 * snapshot or a report of another format version gets the same clear error there as here. The
 * checks across files (same --fail-on, no account twice) run on the validated reports.
 */
export function readReportParts(files: readonly string[]): ReportPart[] {
  return files.map((file) => ({ file, report: readReportFile(file) }));
}

export function runMerge(files: readonly string[], flags: MergeFlags): number {
  checkOutputTargets(
    [{ label: `--output ${flags.output}`, path: flags.output }],
    files.map((file) => ({ label: `the input ${file}`, path: file })),
  );
  const merged = mergeReports(readReportParts(files), { allowPartial: Boolean(flags.allowPartial) });
  writeFileAtomic(flags.output, (write) => writeJson(merged, write));
  const stdout = process.stdout;
  printReport(
    renderReport(flags.format, merged, {
      color: Boolean(stdout.isTTY) && !process.env.NO_COLOR,
      width: terminalWidth(stdout),
      showSuppressed: false,
      sarifAnchor: flags.sarifAnchor ?? DEFAULT_CONFIG_FILE,
      cwd: process.cwd(),
    }),
  );
  // Said on stderr whatever the format: a merge that lacks shards must not look whole in a CI log.
  if (merged.run?.partial) {
    process.stderr.write(`iamspect: warning: ${partialWarning(merged.run.partial)}\n`);
  }
  return exitCodeFor(merged, Boolean(flags.allowIncomplete));
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .summary('combine the JSON reports of a sharded audit into one')
    .description(
      [
        'Combine JSON reports of one audit run in parts (iamspect audit --org --shard K/N, one job per shard) into one report: every account once, findings ordered and the summary recomputed as one run would. Refuses reports of different format versions or --fail-on, an account present in two reports, and shard reports that are not every shard of one split once (--allow-partial merges a set that lacks shards, marked incomplete).',
        '',
        "Exit codes as for audit: 0 clean, 1 findings at or above the reports' --fail-on, 2 a file cannot be used, 3 incomplete (an account failed, rules were not evaluated or shards are missing; --allow-incomplete turns it into 0).",
      ].join('\n'),
    )
    .argument('<reports...>', 'JSON reports (written with --output json=FILE)')
    .requiredOption('-o, --output <file>', 'where to write the merged JSON report (replaced atomically)')
    .addOption(
      new Option('-f, --format <format>', 'format printed on stdout')
        .choices([...OUTPUT_FORMATS])
        .default('table'),
    )
    .option('--allow-incomplete', 'exit 0 instead of 3 when some accounts or rules could not be checked')
    .option(
      '--allow-partial',
      'merge shard reports even when some shards are missing (the report names them and counts as incomplete)',
    )
    .option('--sarif-anchor <file>', `file SARIF results point at (default: ${DEFAULT_CONFIG_FILE})`)
    .addHelpText(
      'after',
      '\nExample:\n  iamspect merge shard-*/report.json -o report.json --format markdown \\\n' +
        '    >> "$GITHUB_STEP_SUMMARY"',
    )
    .action((files: string[], flags: MergeFlags) => {
      process.exitCode = runMerge(files, flags);
    });
}
