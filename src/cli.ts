#!/usr/bin/env node
// Entry point. Exit codes live here and in the commands' return values only:
// 0 clean, 1 findings at or above --fail-on, 2 could not run, 3 incomplete.
import { Command, CommanderError } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerAudit } from './commands/audit.js';
import { registerCan } from './commands/can.js';
import { registerCollect } from './commands/collect.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerMerge } from './commands/merge.js';
import { registerPaths } from './commands/paths.js';
import { registerPermissions } from './commands/permissions.js';
import { registerRules } from './commands/rules.js';
import { registerSuppress } from './commands/suppress.js';
import { registerTemplate } from './commands/template.js';
import { registerWhoCan } from './commands/who-can.js';
import { EXIT } from './engine.js';
import { InputError, RunError } from './errors.js';
import { TOOL } from './version.js';

export function buildProgram(): Command {
  const program = new Command('iamspect')
    .description(
      'Read-only AWS security posture auditor: root use, MFA, stale and shared credentials, over-broad IAM policies.',
    )
    .version(TOOL.version)
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAudit(program);
  registerCollect(program);
  registerTemplate(program);
  registerRules(program);
  registerPermissions(program);
  registerDiff(program);
  registerSuppress(program);
  registerMerge(program);
  registerCan(program);
  registerWhoCan(program);
  registerPaths(program);
  registerExplain(program);
  program.addHelpText('after', '\nStart with: iamspect audit --demo\nDocs: README.md, docs/rules.md');
  return program;
}

/** Runs the CLI and returns its exit code (commands report theirs through process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  // The SDK warns on every run under Node 20 that its 2027 releases will need Node 22. iamspect
  // pins its SDK versions and supports Node 20, so the warning is noise in a CI log or a report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = buildProgram();
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.clean;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  } finally {
    // main() is also called in-process by tests: leave the caller's exit code as it was.
    process.exitCode = previous;
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return error.exitCode === 0 ? EXIT.clean : EXIT.cannotRun;
  }
  if (error instanceof InputError || error instanceof RunError) {
    process.stderr.write(`iamspect: error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`iamspect: internal error: ${message}\n`);
    if (!debug) process.stderr.write('  Run again with --debug for the stack trace, and please report it.\n');
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.cannotRun;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // `iamspect audit | head`: the reader went away; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}
