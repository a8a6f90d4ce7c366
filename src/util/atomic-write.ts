// Writes outputs so that readers (and a crash) see either the old content or the complete new
// content, never a truncated report: each regular file is written to a temporary file in the same
// directory (rename is only atomic within one file system), flushed to disk, and renamed over the
// target once every output is whole. What is not a regular file (a device such as /dev/null, a
// FIFO, an open descriptor such as /dev/stdout or a process substitution's /dev/fd/63) cannot be
// replaced without breaking it, so it is written through.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeToStream } from './stdout.js';
import type { WriteSync } from './write-all.js';
import { isSystemError, nodeWriteSync, writeAll, writeFailure } from './write-all.js';

/** Content, or a function that produces it piece by piece (a large report never held whole). */
export type FileContent = string | Uint8Array | ((write: (chunk: string) => void) => void);

export interface OutputFile {
  path: string;
  content: FileContent;
}

/** How an output's bytes reach it. */
type Destination =
  /** A regular file, or a path that does not exist yet: a temporary file renamed over it. */
  | { kind: 'replace'; target: string }
  /** A device or FIFO: opened and written; renaming a file over it would destroy it. */
  | { kind: 'through'; target: string }
  /** /dev/stdout, /dev/fd/N: a descriptor this process already holds, written where it stands. */
  | { kind: 'descriptor'; fd: number };

interface Staged {
  path: string;
  temp: string;
  target: string;
}

/** Replaces `path` with `content` atomically. Throws InputError naming the path when it cannot. */
export function writeFileAtomic(path: string, content: FileContent, write: WriteSync = nodeWriteSync): void {
  writeFilesAtomic([{ path, content }], write);
}

/**
 * Writes every output, replacing none of the regular files unless all of them could be written
 * whole. Throws InputError naming the output that failed and, when some were already written, which.
 */
export function writeFilesAtomic(files: readonly OutputFile[], write: WriteSync = nodeWriteSync): void {
  const staged: Staged[] = [];
  const written: string[] = [];
  let current = '';
  try {
    const outputs = files.map((file) => {
      current = file.path;
      return { ...file, destination: destinationOf(file.path) };
    });
    for (const output of outputs) {
      if (output.destination.kind !== 'replace') continue;
      current = output.path;
      stage(output, output.destination.target, write, staged);
    }
    // Written only once every regular file is whole: a report sent to a reader cannot be taken back.
    for (const output of outputs) {
      if (output.destination.kind === 'replace') continue;
      current = output.path;
      writeThrough(output, output.destination, write);
      written.push(output.path);
    }
    for (const { path, temp, target } of staged) {
      current = path;
      renameSync(temp, target);
      written.push(path);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    // Not a file-system error (a renderer failed half-way): the output path is not to blame.
    if (!isSystemError(error)) throw error;
    throw writeFailure(current, 'the file', error, progress(files, written));
  }
  for (const directory of new Set(staged.map(({ target }) => dirname(target)))) syncDirectory(directory);
}

/** /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a descriptor already open. */
export function descriptorNamed(path: string): number | undefined {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const match = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path);
  return match ? Number(match[1]) : undefined;
}

function destinationOf(path: string): Destination {
  const fd = descriptorNamed(resolve(path));
  if (fd !== undefined) return { kind: 'descriptor', fd };
  const target = resolveTarget(path);
  let stats;
  try {
    stats = statSync(target);
  } catch {
    // Not there yet (or not reachable: creating the temporary file will say why).
    return { kind: 'replace', target };
  }
  if (stats.isFile()) return { kind: 'replace', target };
  if (stats.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  return { kind: 'through', target };
}

/** Writing through a symlink updates the file it points to instead of replacing the link. */
function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Writes `output` to a new temporary file beside `target`, recorded in `staged` as soon as it exists. */
function stage(output: OutputFile, target: string, write: WriteSync, staged: Staged[]): void {
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const existingMode = fileMode(target);
  const fd = openSync(temp, 'wx');
  staged.push({ path: output.path, temp, target });
  try {
    // Keep the permissions of the report being replaced: a user who made it 0600 meant it.
    if (existingMode !== undefined) fchmodSync(fd, existingMode);
    produce(output.content, (data) => writeAll(fd, data, write));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeThrough(
  output: OutputFile,
  destination: Exclude<Destination, { kind: 'replace' }>,
  write: WriteSync,
): void {
  if (destination.kind === 'descriptor') {
    // Through the process's own stream, so it stays in order with what else is printed there.
    const sink = destination.fd === 1 ? process.stdout : destination.fd === 2 ? process.stderr : undefined;
    const fd = destination.fd;
    produce(output.content, (data) => (sink ? writeToStream(sink, data, write) : writeAll(fd, data, write)));
    return;
  }
  const fd = openSync(destination.target, 'w');
  try {
    produce(output.content, (data) => writeAll(fd, data, write));
  } finally {
    closeSync(fd);
  }
}

function produce(content: FileContent, sink: (data: string | Uint8Array) => void): void {
  if (typeof content === 'function') content(sink);
  else sink(content);
}

/** The hint after a failure: with several outputs, which were written and which were not. */
function progress(files: readonly OutputFile[], written: readonly string[]): string {
  if (written.length === 0) return 'No output file was replaced.';
  const rest = files.map((file) => file.path).filter((path) => !written.includes(path));
  return `Written: ${written.join(', ')}. Not written: ${rest.join(', ')}.`;
}

function fileMode(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the rename itself survive a power loss. Windows cannot open a directory for fsync, so it is skipped there. */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
