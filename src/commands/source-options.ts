// Where account data comes from, shared by every command that reads one account the way audit does
// (audit, can, who-can, paths, explain): live through the SDK, a snapshot file or `collect --org`
// directory, AWS CLI outputs, or the bundled demo. Source problems are refused before any AWS call.
import type { Command } from 'commander';
import type { LiveFlags } from '../collect/options.js';
import { liveOptionsFrom } from '../collect/options.js';
import type { OrgOptions } from '../collect/org-options.js';
import { terminalProgress } from '../collect/progress.js';
import { sectionsToCollect } from '../collect/selection.js';
import { addLiveOptions } from './collection-flags.js';
import type { AccountInput } from '../snapshot/account-input.js';
import { InputError } from '../errors.js';
import { formatUtc } from '../report/facts.js';
import type { Shard } from '../model/shard.js';
import type { AnyRule } from '../rules/types.js';
import { readAwsCliDir } from '../snapshot/aws-cli.js';
import { loadDemoSnapshot } from '../snapshot/demo.js';
import { readSnapshotFile } from '../snapshot/read-snapshot.js';
import type { SectionName, Snapshot } from '../snapshot/schema.js';
import { isDirectory, readSnapshotDirectory } from '../snapshot/snapshot-directory.js';

export interface SourceFlags extends LiveFlags {
  snapshot?: string;
  awsCliDir?: string;
  demo?: boolean;
}

/** `--snapshot`, `--aws-cli-dir`, `--demo` and the live options; `verb` words the help ("audit", "read"). */
export function addSourceOptions(command: Command, verb: string): Command {
  command
    .option(
      '--snapshot <file>',
      `${verb} a snapshot file (or a directory written by collect --org) instead of a live account`,
    )
    .option('--aws-cli-dir <dir>', `${verb} AWS CLI outputs saved in DIR`)
    .option('--demo', `${verb} the bundled demo account (no AWS credentials needed)`);
  return addLiveOptions(command);
}

function offlineSources(flags: SourceFlags): string[] {
  return [
    flags.snapshot !== undefined ? '--snapshot' : '',
    flags.awsCliDir !== undefined ? '--aws-cli-dir' : '',
    flags.demo ? '--demo' : '',
  ].filter(Boolean);
}

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

/** The live-only options the user typed (not defaults). */
export function liveOptionsGiven(command: Command): string[] {
  return LIVE_ONLY_OPTIONS.filter((option) => command.getOptionValueSource(option) === 'cli');
}

function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * Refuses two sources at once, and live-only options with an offline source (they would silently
 * do nothing). Returns the offline sources given (none: live).
 */
export function checkSources(flags: SourceFlags, liveOptionsGiven: readonly string[]): string[] {
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
  return sources;
}

/** The accounts to evaluate, and the shard of an organization's run they are, when they are one. */
export interface SourceAccounts {
  accounts: AccountInput[];
  shard?: Shard;
}

/**
 * The accounts to evaluate, from the one source the flags name (live when none; the organization
 * with `org`). A live collection reads only the sections `rules` need (every section without them);
 * a snapshot file keeps only `sections` when they are given (see readSnapshotFile).
 */
export async function readAccounts(
  flags: SourceFlags,
  {
    org,
    rules,
    sections,
  }: { org?: OrgOptions | null; rules?: readonly AnyRule[]; sections?: readonly SectionName[] } = {},
): Promise<SourceAccounts> {
  if (flags.snapshot !== undefined) {
    // A directory is what `collect --org -o DIR` writes: every account of the run.
    return isDirectory(flags.snapshot)
      ? readSnapshotDirectory(flags.snapshot, sections)
      : { accounts: [{ snapshot: readSnapshotFile(flags.snapshot, sections) }] };
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
  const options = { ...liveOptionsFrom(flags), ...(rules ? { sections: sectionsToCollect(rules) } : {}) };
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

/**
 * One account's snapshot, for commands that answer questions about one account; from a snapshot
 * file, with only `sections` when they are given.
 */
export async function readOneAccount(
  flags: SourceFlags,
  liveGiven: readonly string[],
  sections?: readonly SectionName[],
): Promise<Snapshot> {
  checkSources(flags, liveGiven);
  const { accounts } = await readAccounts(flags, { sections });
  const snapshot = accounts.length === 1 ? accounts[0]!.snapshot : undefined;
  if (!snapshot) {
    throw new InputError(
      `--snapshot ${flags.snapshot}: holds ${accounts.length} accounts; this command answers for one`,
      'Give the snapshot file of one account from that directory.',
    );
  }
  return snapshot;
}
