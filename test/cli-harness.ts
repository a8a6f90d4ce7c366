// Runs the CLI in-process and captures what it prints, so tests exercise the real argument
// parsing, error handling and exit codes without a build step.
import { main } from '../src/cli.js';
import type { CaptureOptions } from './builders/output.js';
import { captureOutput } from './builders/output.js';

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
