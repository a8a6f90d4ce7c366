#!/usr/bin/env node
// Entry point. Exit codes live here and in the commands' return values only:
// 0 clean, 1 findings at or above --fail-on, 2 could not run, 3 incomplete.
import { Command, CommanderError, Help } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerAudit } from './commands/audit.js';
import { registerCan } from './commands/can.js';
import { registerCollect } from './commands/collect.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerFrameworks } from './commands/frameworks.js';
import { registerMerge } from './commands/merge.js';
import { registerPaths } from './commands/paths.js';
import { registerPermissions } from './commands/permissions.js';
import { registerRules } from './commands/rules.js';
import { registerSuppress } from './commands/suppress.js';
import { registerTemplate } from './commands/template.js';
import { registerWhoCan } from './commands/who-can.js';
import { EXIT } from './engine.js';
import { InputError, RunError } from './errors.js';
import { terminalWidth, wrapText } from './util/terminal.js';
import { TOOL } from './version.js';

/** Help is laid out for this width when the output is neither a terminal nor told COLUMNS. */
const DEFAULT_HELP_WIDTH = 80;
/**
 * Narrowest column an option's description wraps in beside the option. Commander's own limit (40)
 * left every description of `audit --help` on one long line at 80 columns, which the terminal then
 * broke mid-word.
 */
const MIN_DESCRIPTION_WIDTH = 24;
/** Where a description starts when the terminal is too narrow for it beside its option. */
const DESCRIPTION_BELOW_INDENT = '      ';

/**
 * Commander's item layout, except on a terminal too narrow for the description beside the option:
 * there the description goes on the lines below, wrapped to the full width.
 */
function formatHelpItem(
  this: Help,
  term: string,
  termWidth: number,
  description: string,
  helper: Help,
): string {
  const width = this.helpWidth ?? DEFAULT_HELP_WIDTH;
  const beside = width - termWidth - 4; // two spaces before the option, two between it and the text
  if (!description || beside >= MIN_DESCRIPTION_WIDTH) {
    return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
  }
  return `  ${term}\n${wrapText(DESCRIPTION_BELOW_INDENT + description, width)}`;
}

export function buildProgram(): Command {
  const program = new Command('iamspect')
    .description(
      'Read-only AWS security posture auditor: root use, MFA, stale and shared credentials, over-broad IAM policies.',
    )
    .version(TOOL.version)
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // Set before the commands are added: each copies these settings from the program.
    .configureOutput({
      getOutHelpWidth: () => terminalWidth(process.stdout) ?? DEFAULT_HELP_WIDTH,
      getErrHelpWidth: () => terminalWidth(process.stderr) ?? DEFAULT_HELP_WIDTH,
    })
    .configureHelp({ minWidthToWrap: MIN_DESCRIPTION_WIDTH, formatItem: formatHelpItem });
  registerAudit(program);
  registerCollect(program);
  registerTemplate(program);
  registerRules(program);
  registerFrameworks(program);
  registerPermissions(program);
  registerDiff(program);
  registerSuppress(program);
  registerMerge(program);
  registerCan(program);
  registerWhoCan(program);
  registerPaths(program);
  registerExplain(program);
  program.addHelpText(
    'after',
    [
      '',
      'Start with: iamspect audit --demo',
      "A rule's rationale, fix and options: iamspect rules --explain RULE-ID",
    ].join('\n'),
  );
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
  // Wrapped to a terminal's width; a log or a pipe keeps each message on one line for grep.
  const width = terminalWidth(process.stderr);
  const say = (text: string) => process.stderr.write(`${width ? wrapText(text, width, '  ') : text}\n`);
  if (error instanceof InputError || error instanceof RunError) {
    say(`iamspect: error: ${error.message}`);
    if (error.hint) say(`  ${error.hint}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    say(`iamspect: internal error: ${message}`);
    if (!debug) say('  Run again with --debug for the stack trace, and please report it.');
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
