// Runs the CLI in-process and captures what it prints, so tests exercise the real argument
// parsing, error handling and exit codes without a build step.
import { buildProgram, main } from '../src/cli.js';
import type { CaptureOptions } from './builders/output.js';
import { captureOutput } from './builders/output.js';

// The CLI loads a command's module when a command line names it. Loaded here, once per test file,
// that cost falls on the file's set-up, not on the time limit of whichever test runs first.
await buildProgram();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: CaptureOptions = {}): Promise<CliResult> {
  const output = captureOutput(options);
  try {
    const code = await main(args);
    return { code, stdout: output.stdout, stderr: output.stderr };
  } finally {
    output.restore();
  }
}

/** runCli with `dir` as the working directory (what a relative path or the config file is read from). */
export async function runCliIn(
  dir: string,
  args: string[],
  options: CaptureOptions = {},
): Promise<CliResult> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runCli(args, options);
  } finally {
    process.chdir(cwd);
  }
}
