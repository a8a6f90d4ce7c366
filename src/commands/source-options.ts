// Where account data comes from, shared by every command that reads one account the way audit does
// (audit, can, who-can, paths, explain): live through the SDK, a snapshot file or `collect --org`
// directory, AWS CLI outputs, or the bundled demo. Source problems are refused before any AWS call.
import type { Command } from 'commander';
import { addLiveOptions, collectSnapshot, liveOptionsFrom, terminalProgress } from '../collect/index.js';
import type { LiveFlags } from '../collect/index.js';
import { collectOrganization } from '../collect/org.js';
import type { OrgOptions } from '../collect/org-options.js';
import type { AccountInput } from '../engine.js';
import { InputError } from '../errors.js';
import { readAwsCliDir } from '../snapshot/aws-cli.js';
import { loadDemoSnapshot } from '../snapshot/demo.js';
import { readSnapshotFile } from '../snapshot/read-snapshot.js';
import type { Snapshot } from '../snapshot/schema.js';
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

/** The accounts to evaluate, from the one source the flags name (live when none; the organization with `org`). */
export async function readAccounts(flags: SourceFlags, org?: OrgOptions | null): Promise<AccountInput[]> {
  if (flags.snapshot !== undefined) {
    // A directory is what `collect --org -o DIR` writes: every account of the run.
    return isDirectory(flags.snapshot)
      ? readSnapshotDirectory(flags.snapshot)
      : [{ snapshot: readSnapshotFile(flags.snapshot) }];
  }
  if (flags.awsCliDir !== undefined) return [{ snapshot: readAwsCliDir(flags.awsCliDir) }];
  if (flags.demo) return [{ snapshot: loadDemoSnapshot() }];
  const progress = terminalProgress(process.stderr, flags.quiet);
  if (org) return (await collectOrganization(liveOptionsFrom(flags), org, { progress })).accounts;
  return [{ snapshot: await collectSnapshot(liveOptionsFrom(flags), progress) }];
}

/** One account's snapshot, for commands that answer questions about one account. */
export async function readOneAccount(flags: SourceFlags, liveGiven: readonly string[]): Promise<Snapshot> {
  checkSources(flags, liveGiven);
  const accounts = await readAccounts(flags);
  const snapshot = accounts.length === 1 ? accounts[0]!.snapshot : undefined;
  if (!snapshot) {
    throw new InputError(
      `--snapshot ${flags.snapshot}: holds ${accounts.length} accounts; this command answers for one`,
      'Give the snapshot file of one account from that directory.',
    );
  }
  return snapshot;
}
