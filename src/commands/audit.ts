// `iamspect audit`: evaluate one account (live, a snapshot file, AWS CLI outputs or the demo)
// and report. Input problems are found before any AWS call; the exit code is the CI contract.
import type { Command } from 'commander';
import type { AccountInput, ResolvedRule } from '../engine.js';
import { NEVER_A_PASS, whyNothingAudited } from '../engine.js';
import { InputError, RunError } from '../errors.js';
import type { Shard } from '../report/model.js';
import type { LiveFlags } from '../collect/options.js';
import { addLiveOptions, liveOptionsFrom } from '../collect/options.js';
import type { OrgFlags } from '../collect/org-options.js';
import { addOrgOptions, orgOptionsFrom } from '../collect/org-options.js';
import { terminalProgress } from '../collect/progress.js';
import { regionsLeftOutWarnings, sectionsToCollect } from '../collect/selection.js';
import { formatUtc } from '../report/facts.js';
import { readAwsCliDir } from '../snapshot/aws-cli.js';
import { loadDemoSnapshot } from '../snapshot/demo.js';
import { readSnapshotFile } from '../snapshot/read-snapshot.js';
import { isDirectory, readSnapshotDirectory } from '../snapshot/snapshot-directory.js';
import type { ReportFlags, RuleScope } from './report-options.js';
import { addReportOptions, buildReport, emitReport, prepareRun } from './report-options.js';

interface AuditFlags extends ReportFlags, LiveFlags, OrgFlags {
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

/** The accounts to evaluate, and the shard of an organization's run they are, when they are one. */
interface AuditInput {
  accounts: AccountInput[];
  shard?: Shard;
}

/**
 * The accounts to evaluate, from the one source the flags name (live when none). A live
 * collection reads only the sections `rules` need.
 */
async function readAccounts(flags: AuditFlags, rules: readonly ResolvedRule[]): Promise<AuditInput> {
  if (flags.snapshot !== undefined) {
    // A directory is what `collect --org -o DIR` writes: every account of the run.
    return isDirectory(flags.snapshot)
      ? readSnapshotDirectory(flags.snapshot)
      : { accounts: [{ snapshot: readSnapshotFile(flags.snapshot) }] };
  }
  if (flags.awsCliDir !== undefined) {
    const snapshot = readAwsCliDir(flags.awsCliDir);
    // Saved outputs hold no collection time: say which time the rules take as "now".
    process.stderr.write(
      `iamspect: note: audit time ${formatUtc(snapshot.collectedAt)}: ${snapshot.source.collectedAtFrom}\n`,
    );
    return { accounts: [{ snapshot }] };
  }
  if (flags.demo) return { accounts: [{ snapshot: loadDemoSnapshot() }] };
  const progress = terminalProgress(process.stderr, flags.quiet);
  const org = orgOptionsFrom(flags);
  const options = { ...liveOptionsFrom(flags), sections: sectionsToCollect(rules.map(({ rule }) => rule)) };
  // The collectors are imported only here: they load the AWS SDK, most of the CLI's start-up time,
  // which no offline source needs.
  if (org) {
    const { collectOrganization } = await import('../collect/org.js');
    const { accounts } = await collectOrganization(options, org, { progress });
    return org.shard ? { accounts, shard: org.shard } : { accounts };
  }
  const { collectSnapshot } = await import('../collect/index.js');
  return { accounts: [{ snapshot: await collectSnapshot(options, progress) }] };
}

/** Template rules read the cloudFormation section, which only `iamspect template` produces. */
const AUDIT_SCOPE: RuleScope = {
  runs: (rule) => !rule.needs.includes('cloudFormation'),
  whyNot: () => 'a template rule, run by `iamspect template`',
  otherCommand: 'template',
};

/** Options that only shape a live collection; given with an offline source they would be ignored. */
const LIVE_ONLY_OPTIONS = [
  'profile',
  'region',
  'roleArn',
  'externalId',
  'roleSessionName',
  'maxAttempts',
  'credentialReportTimeout',
  'regions',
] as const;

function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * @param liveOptionsGiven the live-only options the user typed (not defaults), so a flag that would
 *   silently do nothing with an offline source is refused instead.
 */
export async function runAudit(flags: AuditFlags, liveOptionsGiven: readonly string[] = []): Promise<number> {
  const sources = offlineSources(flags);
  if (sources.length > 1) {
    throw new InputError(
      `${sources.join(' and ')} cannot be used together`,
      'Give one source of account data.',
    );
  }
  if (sources.length > 0 && liveOptionsGiven.length > 0) {
    throw new InputError(
      `${liveOptionsGiven.map(flagName).join(', ')} only ${liveOptionsGiven.length === 1 ? 'applies' : 'apply'} to live collection, not to ${sources[0]}`,
      `Drop ${liveOptionsGiven.length === 1 ? 'it' : 'them'}, or drop ${sources[0]} to collect live.`,
    );
  }
  if (flags.org && sources.length > 0) {
    throw new InputError(
      `--org cannot be used with ${sources[0]}`,
      '--org collects the organization live; to audit one collected with `collect --org -o DIR`, use --snapshot DIR alone.',
    );
  }
  // Checked before the config is read and before any AWS call.
  orgOptionsFrom(flags);
  const prepared = prepareRun(flags, {
    // The demo is a showcase, not a gate: it never fails on findings unless asked to.
    ...(flags.demo ? { defaultFailOn: 'none' as const, showcase: true } : {}),
    scope: AUDIT_SCOPE,
    inputs: [
      ...(flags.snapshot !== undefined
        ? [{ label: `--snapshot ${flags.snapshot}`, path: flags.snapshot }]
        : []),
      ...(flags.awsCliDir !== undefined
        ? [{ label: `--aws-cli-dir ${flags.awsCliDir}`, path: flags.awsCliDir }]
        : []),
    ],
  });
  const { accounts, shard } = await readAccounts(flags, prepared.rules);
  const report = buildReport(accounts, prepared);
  report.warnings.push(...regionsLeftOutWarnings(accounts.map((account) => account.snapshot)));
  // A shard says so, so that `merge` can tell when one is missing.
  if (shard) report.run = { shard };
  const nothingAudited = whyNothingAudited(report.accounts);
  if (nothingAudited) {
    throw new RunError(
      `${flags.snapshot ?? '--org'}: nothing audited: ${nothingAudited}`,
      `${NEVER_A_PASS}: fix what the reasons say, then run again.`,
    );
  }
  return emitReport(report, flags, prepared);
}

export function registerAudit(program: Command): void {
  const command = program
    .command('audit')
    .summary('audit an account and report findings (the main job)')
    .description(
      [
        'Audit an AWS account, or a whole organization: root use, MFA, stale and',
        'shared credentials, password policy, over-broad policies and guard rails.',
        'With no source option it collects live through the AWS SDK (read-only).',
        '',
        'Sources (pick one):',
        '  (none)               live: default credential chain, --profile or --role-arn',
        '  --org                live: every account of the organization (docs/org.md)',
        '  --snapshot FILE|DIR  written by `iamspect collect` (DIR: by `collect --org`)',
        '  --aws-cli-dir DIR    outputs saved with the AWS CLI (README, "Offline")',
        '  --demo               the bundled demo account: no AWS needed',
        '',
        'Exit codes: 0 clean, 1 findings at or above --fail-on, 2 could not run,',
        '3 incomplete: rules not evaluated or an account failed (--allow-incomplete',
        'turns 3 into 0).',
      ].join('\n'),
    )
    .option(
      '--snapshot <file>',
      'audit a snapshot file (or a directory written by collect --org) instead of a live account',
    )
    .option('--aws-cli-dir <dir>', 'audit AWS CLI outputs saved in DIR')
    .option('--demo', 'audit the bundled demo account (no AWS credentials needed)');
  addReportOptions(command);
  addLiveOptions(command);
  addOrgOptions(command);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  iamspect audit --demo',
      '  iamspect audit --profile prod --output sarif=iamspect.sarif \\',
      '    --output json=report.json',
      '  iamspect audit --snapshot snap.json --fail-on medium',
      '  iamspect audit --baseline last-report.json --format markdown \\',
      '    >> "$GITHUB_STEP_SUMMARY"',
      '  iamspect audit --org --role-name iamspect-audit --concurrency 16 \\',
      '    --output json=org.json',
      '  iamspect audit --org --shard 2/4 --output json=shard-2.json  # job 2 of 4,',
      '  iamspect merge shard-*.json -o org.json        # then merge the 4 reports',
    ].join('\n'),
  );
  command.action(async (flags: AuditFlags, self: Command) => {
    const given = LIVE_ONLY_OPTIONS.filter((option) => self.getOptionValueSource(option) === 'cli');
    process.exitCode = await runAudit(flags, given);
  });
}
