// A real file system that is nearly full, for tests of what a report writer does when the disk
// fills up mid-write: a tmpfs of a few pages mounted on a temporary directory, filled up to a
// chosen number of free bytes. Mounting needs root (the dev container and CI run as root); where it
// is not possible, tinyDiskUnavailable() says why so the test can print it instead of passing silently.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIZE = '64k';

export interface TinyDisk {
  /** The mount point. */
  readonly dir: string;
  /** Fills the disk with a filler file until only `bytes` are free. */
  leaveFree(bytes: number): void;
  unmount(): void;
}

export function mountTinyDisk(): TinyDisk {
  const dir = mkdtempSync(join(tmpdir(), 'iamspect-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    leaveFree(bytes) {
      const fd = openSync(join(dir, 'filler'), 'w');
      try {
        const page = Buffer.alloc(4096, 0x2e);
        try {
          for (;;) writeSync(fd, page);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
        ftruncateSync(fd, Math.max(0, fstatSync(fd).size - bytes));
      } finally {
        closeSync(fd);
      }
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why a tiny disk cannot be mounted here (not root, no mount in the sandbox), or undefined. */
export function tinyDiskUnavailable(): string | undefined {
  try {
    mountTinyDisk().unmount();
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}
