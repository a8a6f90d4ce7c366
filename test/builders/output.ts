// Captures what code under test prints, for tests of commands and of the CLI.
import { jest } from '@jest/globals';

export interface CapturedOutput {
  /** Everything written to process.stdout since the capture started. */
  readonly stdout: string;
  /** Everything written to process.stderr since the capture started. */
  readonly stderr: string;
  /** Puts the real streams back; call it in a `finally`. */
  restore(): void;
}

export interface CaptureOptions {
  /**
   * Stdout redirected to this open file, as `> file` does: a report printed on stdout goes to the
   * file's descriptor (see src/util/stdout.ts), and only the rest is captured.
   */
  stdoutFd?: number;
}

/** Starts capturing process.stdout and process.stderr (nothing reaches the terminal until restore()). */
export function captureOutput(options: CaptureOptions = {}): CapturedOutput {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  // A stdout redirected to a regular file is written through its descriptor, bypassing write():
  // while captured, stdout has none (unless the test gives one), so everything lands in `stdout`.
  const fd = jest.replaceProperty(process.stdout as { fd?: number }, 'fd', options.stdoutFd);
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    restore() {
      out.mockRestore();
      err.mockRestore();
      fd.restore();
    },
  };
}
