// Writes a file so that readers (and a crash) see either the old content or the complete new
// content, never a truncated report: write a temporary file in the same directory (rename is only
// atomic within one file system), flush it to disk, then rename it over the target.
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
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** What the usual errno codes mean for someone choosing an output path. */
const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a parent of the path is not a directory',
  EISDIR: 'the path is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

/** Content, or a function that produces it piece by piece (a large report never held whole). */
export type FileContent = string | Uint8Array | ((write: (chunk: string) => void) => void);

/** Replaces `path` with `content` atomically. Throws InputError naming the path when it cannot. */
export function writeFileAtomic(path: string, content: FileContent): void {
  const target = resolveTarget(path);
  const existingMode = fileMode(target);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    // Keep the permissions of the report being replaced: a user who made it 0600 meant it.
    if (existingMode !== undefined) fchmodSync(fd, existingMode);
    const open = fd;
    if (typeof content === 'function') content((chunk) => writeSync(open, chunk));
    else writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Not a file-system error (a renderer failed half-way): the output path is not to blame.
    if (!code) throw error;
    const reason = REASONS[code] ?? code;
    throw new InputError(
      `${path}: cannot write the file: ${reason}`,
      'Check the output path and its directory.',
    );
  }
  syncDirectory(dirname(target));
}

/** Writing through a symlink updates the file it points to instead of replacing the link. */
function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
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
