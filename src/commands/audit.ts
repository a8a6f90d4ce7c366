// `iamspect audit`: evaluate one account (live, a snapshot file, AWS CLI outputs or the demo)
// and report. Input problems are found before any AWS call; the exit code is the CI contract.
import type { Command } from 'commander';
import { InputError, NEVER_A_PASS, RunError } from '../errors.js';
import type { OrgFlags } from '../collect/org-options.js';
import { orgOptionsFrom } from '../collect/org-options.js';
import { regionsLeftOutWarnings } from '../collect/selection.js';
import { whyNothingAudited } from '../report/summary.js';
import { addOrgOptions } from './collection-flags.js';
import type { PreparedRun, ReportFlags, RuleScope } from './report-options.js';
import { addReportOptions, buildReport, emitReport, prepareRun } from './report-options.js';
import { ruleRegistry } from './plugin-options.js';
import type { AnyRule } from '../rules/types.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, checkSources, liveOptionsGiven, readAccounts } from './source-options.js';

interface AuditFlags extends ReportFlags, SourceFlags, OrgFlags {}

/** Every rule but the template rules (`runsOn: 'template'`), which only `iamspect template` runs. */
export const AUDIT_SCOPE: RuleScope = {
  runs: (rule) => rule.runsOn !== 'template',
  whyNot: () => 'a template rule, run by `iamspect template`',
  otherCommand: 'template',
};

/**
 * The rules audit runs for these flags and the config file, with their options, severities and the
 * config's suppressions; checked before any input is read. `explain` judges through it too, so it
 * answers what audit reports.
 */
export function prepareAudit(flags: ReportFlags & SourceFlags, registry: readonly AnyRule[]): PreparedRun {
  return prepareRun(flags, {
    registry,
    // The demo is a showcase, not a gate: it never fails on findings unless asked to.
    ...(flags.demo ? { defaultFailOn: 'none' as const, showcase: true } : {}),
    scope: AUDIT_SCOPE,
    compliance: true,
    inputs: [
      ...(flags.snapshot !== undefined
        ? [{ label: `--snapshot ${flags.snapshot}`, path: flags.snapshot }]
        : []),
      ...(flags.awsCliDir !== undefined
        ? [{ label: `--aws-cli-dir ${flags.awsCliDir}`, path: flags.awsCliDir }]
        : []),
    ],
  });
}

/**
 * @param liveOptionsGiven the live-only options the user typed (not defaults), so a flag that would
 *   silently do nothing with an offline source is refused instead.
 */
export async function runAudit(flags: AuditFlags, liveOptionsGiven: readonly string[] = []): Promise<number> {
  const sources = checkSources(flags, liveOptionsGiven);
  if (flags.org && sources.length > 0) {
    throw new InputError(
      `--org cannot be used with ${sources[0]}`,
      '--org collects the organization live; to audit one collected with `collect --org -o DIR`, use --snapshot DIR alone.',
    );
  }
  // Checked before the config is read and before any AWS call.
  orgOptionsFrom(flags);
  const prepared = prepareAudit(flags, await ruleRegistry(flags));
  const { accounts, shard } = await readAccounts(flags, {
    org: orgOptionsFrom(flags),
    rules: prepared.rules.map(({ rule }) => rule),
  });
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
    );
  addSourceOptions(command, 'audit');
  addReportOptions(command);
  command.option(
    '--framework <id>',
    'add a per-control report for this framework, running its rules (repeatable; `iamspect frameworks` lists them)',
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
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
    process.exitCode = await runAudit(flags, liveOptionsGiven(self));
  });
}
