// `iamspect collect -o FILE`: collect the account live (read-only) and write the snapshot, to be
// audited later with `iamspect audit --snapshot FILE` (identical findings to a live audit).
import type { Command } from 'commander';
import { join } from 'node:path';
import type { CollectOptions, LiveFlags } from '../collect/options.js';
import { liveOptionsFrom } from '../collect/options.js';
import type { OrgFlags, OrgOptions } from '../collect/org-options.js';
import { orgOptionsFrom } from '../collect/org-options.js';
import { terminalProgress } from '../collect/progress.js';
import { sectionsToCollect } from '../collect/selection.js';
import { resolveRules } from '../engine/resolve-rules.js';
import { InputError, RunError } from '../errors.js';
import { shardName } from '../model/shard.js';
import { whyNothingAudited } from '../report/summary.js';
import { serializeSnapshot } from '../snapshot/read-snapshot.js';
import type { SectionName, Snapshot } from '../snapshot/schema.js';
import {
  checkSnapshotDirectory,
  INDEX_FILE,
  writeSnapshotDirectory,
} from '../snapshot/snapshot-directory.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkOutputTargets } from '../util/output-targets.js';
import { addLiveOptions, addOrgOptions } from './collection-flags.js';
import type { PluginFlags } from './plugin-options.js';
import { addPluginOption, ruleRegistry } from './plugin-options.js';
import { commaList } from './collection-flags.js';

interface CollectFlags extends LiveFlags, OrgFlags, PluginFlags {
  output: string;
  rules?: string[];
  excludeRules?: string[];
}

/**
 * The sections --rules and --exclude-rules need; undefined (every section) without them, so a
 * snapshot collected once can be audited later with any rule. Off-by-default rules count: collect
 * reads no rule settings, and a later audit may enable them. Plugins' rules (--plugin, the config
 * file's `plugins:`) are loaded only for a selection, since only it names rules.
 */
async function selectedSections(flags: CollectFlags): Promise<SectionName[] | undefined> {
  if (!flags.rules && !flags.excludeRules) return undefined;
  // Rules that read an account (template rules read what only `iamspect template` produces).
  const accountRules = (await ruleRegistry(flags)).filter((rule) => !rule.needs.includes('cloudFormation'));
  const rules = resolveRules(
    accountRules,
    {},
    {
      only: flags.rules ?? accountRules.map((rule) => rule.id),
      exclude: flags.excludeRules,
    },
  );
  if (rules.length === 0) {
    throw new InputError(
      'no rules selected: --rules and --exclude-rules together select none',
      'Run `iamspect rules` for the ids.',
    );
  }
  return sectionsToCollect(rules.map(({ rule }) => rule));
}

/** "account 123456789012 (acme): 5 sections ok; authorizationDetails denied (iam:GetAccountAuthorizationDetails)" */
function describeSnapshot(snapshot: Snapshot): string {
  const sections = Object.entries(snapshot.sections);
  const ok = sections.filter(([, section]) => section.status === 'ok').length;
  const problems = sections
    .filter(([, section]) => section.status !== 'ok')
    .map(
      ([name, section]) =>
        `${name} ${section.status} (${section.error?.action ?? section.error?.code ?? 'no data'})`,
    );
  const alias = snapshot.accountAlias ? ` (${snapshot.accountAlias})` : '';
  return [`account ${snapshot.accountId}${alias}: ${ok} sections ok`, ...problems].join('; ');
}

export async function runCollect(flags: CollectFlags): Promise<void> {
  const sections = await selectedSections(flags);
  const options = { ...liveOptionsFrom(flags), ...(sections ? { sections } : {}) };
  const org = orgOptionsFrom(flags);
  if (org) return collectOrganizationInto(flags, options, org);
  // Checked before collecting, so minutes of collection are not lost to a typo in the path.
  checkOutputTargets([{ label: `--output ${flags.output}`, path: flags.output }]);
  // Imported only now, like the org collector below: they load the AWS SDK (see audit.ts).
  const { collectSnapshot } = await import('../collect/index.js');
  const snapshot = await collectSnapshot(options, terminalProgress(process.stderr, flags.quiet));
  writeFileAtomic(flags.output, serializeSnapshot(snapshot));
  if (!flags.quiet) process.stderr.write(`Wrote ${flags.output}: ${describeSnapshot(snapshot)}\n`);
}

/** --org: one snapshot per account and index.json in the --output directory. */
async function collectOrganizationInto(
  flags: CollectFlags,
  options: CollectOptions,
  org: OrgOptions,
): Promise<void> {
  checkSnapshotDirectory(flags.output);
  const progress = terminalProgress(process.stderr, flags.quiet);
  const { collectOrganization } = await import('../collect/org.js');
  const run = await collectOrganization(options, org, { progress });
  const nothingCollected = whyNothingAudited(
    run.accounts.map((account) => ({
      accountId: account.snapshot?.accountId ?? account.accountId ?? 'unknown',
      status: account.snapshot ? 'audited' : (account.status ?? 'failed'),
      reason: account.reason,
    })),
  );
  if (nothingCollected) {
    // A directory of no snapshot would audit as nothing; the reasons are worth more here.
    throw new RunError(
      `--org: nothing collected: ${nothingCollected}`,
      'Nothing was written: fix what the reasons say, then run again.',
    );
  }
  const shard = org.shard ? shardName(org.shard) : null;
  const index = writeSnapshotDirectory(flags.output, {
    organizationId: run.organization.id,
    shard,
    accounts: run.accounts,
  });
  if (flags.quiet) return;
  const count = (status: string) => index.accounts.filter((account) => account.status === status).length;
  const lines = [
    `Wrote ${join(flags.output, INDEX_FILE)}: organization ${run.organization.id}${shard ? ` shard ${shard}` : ''}, ` +
      `${count('collected')} accounts collected, ${count('failed')} failed, ${count('skipped')} skipped`,
    ...index.accounts.flatMap((account) =>
      account.status === 'collected' ? [] : [`  ${account.accountId} ${account.status}: ${account.reason}`],
    ),
    `Audit it with: iamspect audit --snapshot ${flags.output}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

export function registerCollect(program: Command): void {
  const command = program
    .command('collect')
    .summary('collect an account live (read-only) into a snapshot file')
    .description(
      [
        'Collect one AWS account through the AWS SDK, read-only, and write the snapshot as JSON. Audit it later, anywhere, with `iamspect audit --snapshot FILE`: the findings are the same as a live audit. Sections that were denied or failed are recorded in the file with the refused action.',
        '',
        'With --org, -o names a directory: one snapshot per account plus index.json, which lists every account with its status (collected, failed with the reason, skipped with its state). Audit it with `iamspect audit --snapshot DIR`.',
        '',
        'Endpoints: the SDK honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_IAM).',
      ].join('\n'),
    )
    .requiredOption(
      '-o, --output <file>',
      'where to write the snapshot (replaced atomically; with --org, a directory)',
    )
    .option(
      '--rules <ids>',
      'collect only the sections these rules read (comma-separated ids; default: every section)',
      commaList,
    )
    .option('--exclude-rules <ids>', 'leave out the sections only these rules read', commaList);
  addPluginOption(command);
  addLiveOptions(command);
  addOrgOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  iamspect collect -o snapshot.json --profile prod\n' +
      '  iamspect collect -o snapshot.json --external-id x7q \\\n' +
      '    --role-arn arn:aws:iam::123456789012:role/SecurityAudit\n' +
      '  iamspect collect --org -o snapshots/ --role-name iamspect-audit',
  );
  command.action(async (flags: CollectFlags) => {
    await runCollect(flags);
  });
}
