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

/** Starts capturing process.stdout and process.stderr (nothing reaches the terminal until restore()). */
export function captureOutput(): CapturedOutput {
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
    },
  };
}
