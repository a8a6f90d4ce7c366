// Runs the CLI in-process and captures what it prints, so tests exercise the real argument
// parsing, error handling and exit codes without a build step.
import { main } from '../src/cli.js';
import { captureOutput } from './builders/output.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  const output = captureOutput();
  try {
    const code = await main(args);
    return { code, stdout: output.stdout, stderr: output.stderr };
  } finally {
    output.restore();
  }
}
