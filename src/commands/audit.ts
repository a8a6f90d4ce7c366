// `iamspect audit`: evaluate one account (live, a snapshot file, AWS CLI outputs or the demo)
// and report. Input problems are found before any AWS call; the exit code is the CI contract.
import type { Command } from 'commander';
import type { AccountInput } from '../engine.js';
import { InputError } from '../errors.js';
import { addLiveOptions, collectSnapshot, liveOptionsFrom, terminalProgress } from '../collect/index.js';
import type { LiveFlags } from '../collect/index.js';
import { readAwsCliDir } from '../snapshot/aws-cli.js';
import { loadDemoSnapshot } from '../snapshot/demo.js';
import { readSnapshotFile } from '../snapshot/read-snapshot.js';
import type { ReportFlags } from './report-options.js';
import { addReportOptions, buildReport, emitReport, prepareRun } from './report-options.js';

interface AuditFlags extends ReportFlags, LiveFlags {
  snapshot?: string;
  awsCliDir?: string;
  demo?: boolean;
}

function offlineSources(flags: AuditFlags): string[] {
  return [
    flags.snapshot !== undefined ? '--snapshot' : '',
    flags.awsCliDir !== undefined ? '--aws-cli-dir' : '',
    flags.demo ? '--demo' : '',
  ].filter(Boolean);
}

export async function runAudit(flags: AuditFlags): Promise<number> {
  const sources = offlineSources(flags);
  if (sources.length > 1) {
    throw new InputError(
      `${sources.join(' and ')} cannot be used together`,
      'Give one source of account data.',
    );
  }
  const prepared = prepareRun(flags, {
    // The demo is a showcase, not a gate: it never fails on findings unless asked to.
    ...(flags.demo ? { defaultFailOn: 'none' as const } : {}),
    // Template rules read the cloudFormation section, which only `iamspect template` produces.
    ruleFilter: (rule) => !rule.needs.includes('cloudFormation'),
  });
  let account: AccountInput;
  if (flags.snapshot !== undefined) account = { snapshot: readSnapshotFile(flags.snapshot) };
  else if (flags.awsCliDir !== undefined) account = { snapshot: readAwsCliDir(flags.awsCliDir) };
  else if (flags.demo) account = { snapshot: loadDemoSnapshot() };
  else
    account = {
      snapshot: await collectSnapshot(liveOptionsFrom(flags), terminalProgress(process.stderr, flags.quiet)),
    };
  const report = buildReport([account], prepared);
  return emitReport(report, flags, prepared);
}

export function registerAudit(program: Command): void {
  const command = program
    .command('audit')
    .summary('audit an account and report findings (the main job)')
    .description(
      [
        'Audit one AWS account: root use, MFA, stale and shared credentials, password policy, over-broad',
        'policies and guard rails. With no source option it collects live through the AWS SDK (read-only).',
        '',
        'Sources (pick one):',
        '  (none)               live, with the default credential chain, --profile or --role-arn',
        '  --snapshot FILE      a snapshot written by `iamspect collect`',
        '  --aws-cli-dir DIR    outputs saved with the AWS CLI (see README "Offline with the AWS CLI")',
        '  --demo               the bundled demo account: no AWS needed',
        '',
        'Exit codes: 0 clean, 1 findings at or above --fail-on, 2 could not run,',
        '3 incomplete (some rules not evaluated; --allow-incomplete turns it into 0).',
      ].join('\n'),
    )
    .option('--snapshot <file>', 'audit a snapshot file instead of a live account')
    .option('--aws-cli-dir <dir>', 'audit AWS CLI outputs saved in DIR')
    .option('--demo', 'audit the bundled demo account (no AWS credentials needed)');
  addReportOptions(command);
  addLiveOptions(command);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  iamspect audit --demo',
      '  iamspect audit --profile prod --output sarif=iamspect.sarif --output json=report.json',
      '  iamspect audit --snapshot snap.json --fail-on medium',
      '  iamspect audit --baseline last-report.json --format markdown >> "$GITHUB_STEP_SUMMARY"',
    ].join('\n'),
  );
  command.action(async (flags: AuditFlags) => {
    process.exitCode = await runAudit(flags);
  });
}
