// `iamspect diff OLD.json NEW.json`: what changed between two reports, for scheduled audits that
// alert on change. Exit 1 when a new unsuppressed finding is at or above --fail-on, or an existing
// one reached it (newly failing: severity raised, suppression ended), 0 otherwise, 2 (an
// InputError, mapped by the CLI) when either file cannot be used.
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT } from '../report/exit-code.js';
import type { DiffFormat } from '../report/diff.js';
import { DIFF_FORMATS, diffReports, failingCount, renderDiff } from '../report/diff.js';
import { readReportFile } from '../report/read-report.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import { terminalWidth } from '../util/terminal.js';
import { printReport } from '../util/stdout.js';

export interface DiffFlags {
  format: DiffFormat;
  failOn: Severity | 'none';
}

/** Reads both reports, writes the diff with `write`, and returns the exit code. */
export function runDiff(
  oldPath: string,
  newPath: string,
  flags: DiffFlags,
  write: (text: string) => void = printReport,
): number {
  const older = readReportFile(oldPath);
  const newer = readReportFile(newPath);
  const diff = diffReports(older, newer);
  write(renderDiff(diff, flags.format, flags.failOn, terminalWidth(process.stdout)));
  return failingCount(diff, flags.failOn) > 0 ? EXIT.findings : EXIT.clean;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .summary('compare two JSON reports: new, fixed, changed and suppressed findings')
    .description(
      [
        'Compare two JSON reports of scheduled audits. Findings are matched by fingerprint (rule, account, resource), never by message. A finding counts as fixed only if the newer run checked it again.',
        '',
        'Exit codes: 0 no new finding at or above --fail-on, 1 there is one or an existing finding newly reached it (severity raised, suppression ended), 2 a file cannot be used.',
      ].join('\n'),
    )
    .argument('<old>', 'the earlier JSON report')
    .argument('<new>', 'the later JSON report')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('table'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'lowest severity of a new or newly failing finding that exits 1 (none: never)',
      )
        .choices([...SEVERITIES, 'none'])
        .default('high'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Example (cron):',
        '  iamspect diff reports/previous.json reports/latest.json \\',
        '    --format markdown --fail-on medium',
      ].join('\n'),
    )
    .action((oldPath: string, newPath: string, flags: DiffFlags) => {
      process.exitCode = runDiff(oldPath, newPath, flags);
    });
}
