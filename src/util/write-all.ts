// Every output goes through writeAll: write(2) may take fewer bytes than it was given (a nearly full
// disk, a pipe, a network file system), and a writer that ignores the count leaves a truncated report
// behind while reporting success. writeAll continues until every byte is written, or throws.
import { writeSync } from 'node:fs';
import { InputError } from '../errors.js';

/** The system call writeAll makes; tests pass one that behaves as a full disk does. */
export type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

export const nodeWriteSync: WriteSync = (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length);

/** Thrown by writeAll when a write takes nothing: repeating it would loop forever. */
const NOTHING_TAKEN = 'ENOTHINGTAKEN';

/** Writes all of `data` to `fd`, however many calls it takes. Throws the system's error otherwise. */
export function writeAll(fd: number, data: string | Uint8Array, write: WriteSync = nodeWriteSync): void {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < buffer.length) {
    const written = write(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) {
      throw Object.assign(new Error('write took no bytes'), { code: NOTHING_TAKEN });
    }
    offset += written;
  }
}

/** What the usual errno codes mean for someone choosing where a report goes. */
const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a parent of the path is not a directory',
  EISDIR: 'the path is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is too large for the file system',
  EIO: 'an input/output error on the device',
  EPIPE: 'the reader closed the pipe before the end',
  [NOTHING_TAKEN]: 'the device took no more bytes (is it full?)',
};

/** True for an error from the file system (it has an errno code), as opposed to a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string';
}

/** `<where>: cannot write <what>: <reason>`, an error that exits 2. */
export function writeFailure(
  where: string,
  what: string,
  error: NodeJS.ErrnoException,
  hint: string,
): InputError {
  const code = error.code ?? 'unknown error';
  return new InputError(`${where}: cannot write ${what}: ${REASONS[code] ?? code}`, hint);
}
