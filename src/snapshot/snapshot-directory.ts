// Organization snapshot directories: what `iamspect collect --org -o DIR` writes and
// `iamspect audit --snapshot DIR` reads. One snapshot file per collected account (<id>.json) and
// index.json, which lists every account of the run with its status: collected (and its file),
// failed (with the reason) or skipped (with its state). Auditing the directory gives the same
// report as auditing the organization live.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AccountInput } from './account-input.js';
import { InputError, NEVER_A_PASS } from '../errors.js';
import { shardFromText } from '../model/shard.js';
import type { Shard } from '../model/shard.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { TOOL } from '../version.js';
import { validateInput } from './input-validation.js';
import { readSnapshotFile, serializeSnapshot } from './read-snapshot.js';
import type { SectionName } from './schema.js';

export const INDEX_FILE = 'index.json';
const INDEX_KIND = 'iamspect-organization-snapshots';
const INDEX_VERSION = 1;

const indexSchema = z
  .object({
    kind: z.literal(INDEX_KIND),
    schemaVersion: z.literal(INDEX_VERSION),
    tool: z.object({ name: z.string(), version: z.string() }),
    organizationId: z.string(),
    /** `K/N` when the run was one shard of several. */
    shard: z.string().nullable(),
    accounts: z.array(
      z.discriminatedUnion('status', [
        z.object({ accountId: z.string(), status: z.literal('collected'), file: z.string() }).strict(),
        z
          .object({
            accountId: z.string(),
            partition: z.string(),
            status: z.enum(['failed', 'skipped']),
            reason: z.string(),
          })
          .strict(),
      ]),
    ),
  })
  .strict();
export type SnapshotIndex = z.infer<typeof indexSchema>;

/** True when `path` is a directory: audit --snapshot then reads it as an organization directory. */
export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Checked before collecting: `dir` may exist (as a directory) or be created in an existing parent,
 * so minutes of collection are not lost to a typo in the path.
 */
export function checkSnapshotDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw new InputError(
        `--output ${dir}: is a file; with --org it must be a directory`,
        'Name a new or existing directory.',
      );
    }
    return;
  }
  const parent = join(dir, '..');
  if (!isDirectory(parent)) {
    throw new InputError(
      `--output ${dir}: directory ${parent} does not exist`,
      'Create it first, or write elsewhere.',
    );
  }
}

/** Writes each account's snapshot and the index (each file atomically, the index last). */
export function writeSnapshotDirectory(
  dir: string,
  run: { organizationId: string; shard: string | null; accounts: readonly AccountInput[] },
): SnapshotIndex {
  mkdirSync(dir, { recursive: true });
  const index: SnapshotIndex = {
    kind: INDEX_KIND,
    schemaVersion: INDEX_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    organizationId: run.organizationId,
    shard: run.shard,
    accounts: run.accounts.map((account) => {
      if (account.snapshot) {
        const file = `${account.snapshot.accountId}.json`;
        writeFileAtomic(join(dir, file), serializeSnapshot(account.snapshot));
        return { accountId: account.snapshot.accountId, status: 'collected' as const, file };
      }
      return {
        accountId: account.accountId ?? 'unknown',
        partition: account.partition ?? 'aws',
        status: account.status ?? 'failed',
        reason: account.reason ?? 'not collected',
      };
    }),
  };
  writeFileAtomic(join(dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

const HOW_TO_GET_ONE =
  'Write one with: iamspect collect --org -o DIR. For a directory of saved AWS CLI outputs, use --aws-cli-dir DIR.';

/** What a directory holds: every account of the run, and the shard of the run when it was one. */
export interface SnapshotDirectory {
  accounts: AccountInput[];
  shard?: Shard;
}

/**
 * Reads a directory written by writeSnapshotDirectory, each account's snapshot as readSnapshotFile
 * with `sections`. Every problem is an InputError naming the file.
 */
export function readSnapshotDirectory(dir: string, sections?: readonly SectionName[]): SnapshotDirectory {
  const indexPath = join(dir, INDEX_FILE);
  const index = validateInput(
    indexSchema,
    parseJsonText(
      readInputFile(indexPath, 'snapshot index', HOW_TO_GET_ONE),
      indexPath,
      'snapshot index',
      HOW_TO_GET_ONE,
    ),
    indexPath,
    HOW_TO_GET_ONE,
  );
  if (index.accounts.length === 0) {
    throw new InputError(
      `${indexPath}: lists no account: nothing to audit`,
      `${NEVER_A_PASS}: collect the organization again with: iamspect collect --org -o DIR.`,
    );
  }
  const accounts = index.accounts.map((entry): AccountInput => {
    if (entry.status !== 'collected') {
      return {
        accountId: entry.accountId,
        partition: entry.partition,
        status: entry.status,
        reason: entry.reason,
      };
    }
    const path = join(dir, entry.file);
    const snapshot = readSnapshotFile(path, sections);
    if (snapshot.accountId !== entry.accountId) {
      throw new InputError(
        `${path}: holds account ${snapshot.accountId}, but ${indexPath} lists it as account ${entry.accountId}`,
        'Do not mix files of different runs in one directory.',
      );
    }
    return { snapshot };
  });
  if (index.shard === null) return { accounts };
  const shard = shardFromText(index.shard);
  if (!shard) {
    throw new InputError(
      `${indexPath}: shard "${index.shard}" is not a shard K/N with 1 <= K <= N`,
      'The file may have been edited by hand: collect the organization again with: iamspect collect --org -o DIR.',
    );
  }
  return { accounts, shard };
}
