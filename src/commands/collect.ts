// `iamspect collect -o FILE`: collect the account live (read-only) and write the snapshot, to be
// audited later with `iamspect audit --snapshot FILE` (identical findings to a live audit).
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LiveFlags } from '../collect/index.js';
import { addLiveOptions, collectSnapshot, liveOptionsFrom, terminalProgress } from '../collect/index.js';
import { InputError } from '../errors.js';
import { serializeSnapshot } from '../snapshot/read-snapshot.js';
import type { Snapshot } from '../snapshot/schema.js';
import { writeFileAtomic } from '../util/atomic-write.js';

interface CollectFlags extends LiveFlags {
  output: string;
}

/** Checked before collecting, so minutes of collection are not lost to a typo in the path. */
function checkOutputDirectory(output: string): void {
  const directory = dirname(resolve(output));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(
      `--output ${output}: directory ${directory} does not exist`,
      'Create it first, or write elsewhere.',
    );
  }
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
  const options = liveOptionsFrom(flags);
  checkOutputDirectory(flags.output);
  const snapshot = await collectSnapshot(options, terminalProgress(process.stderr, flags.quiet));
  writeFileAtomic(flags.output, serializeSnapshot(snapshot));
  if (!flags.quiet) process.stderr.write(`Wrote ${flags.output}: ${describeSnapshot(snapshot)}\n`);
}

export function registerCollect(program: Command): void {
  const command = program
    .command('collect')
    .summary('collect an account live (read-only) into a snapshot file')
    .description(
      [
        'Collect one AWS account through the AWS SDK, read-only, and write the snapshot as JSON.',
        'Audit it later, anywhere, with `iamspect audit --snapshot FILE`: the findings are the same as a live audit.',
        'Sections that were denied or failed are recorded in the file with the refused action.',
        '',
        'Endpoints: the SDK honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_IAM).',
      ].join('\n'),
    )
    .requiredOption('-o, --output <file>', 'where to write the snapshot (replaced atomically)');
  addLiveOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  iamspect collect -o snapshot.json --profile prod\n' +
      '  iamspect collect -o snapshot.json --role-arn arn:aws:iam::123456789012:role/SecurityAudit --external-id x7q',
  );
  command.action(async (flags: CollectFlags) => {
    await runCollect(flags);
  });
}
