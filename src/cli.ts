#!/usr/bin/env node
// Entry point. Exit codes live here and in the commands' return values only:
// 0 clean, 1 findings at or above --fail-on, 2 could not run, 3 incomplete.
import { Command, CommanderError, Help } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, RunError } from './errors.js';
import { EXIT } from './report/exit-code.js';
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

type RegisterCommand = (program: Command) => unknown;

/**
 * Every command, in the order `iamspect --help` lists them, each with the loader of its module. A
 * command's module brings the rules, the report formats, the template parsers or the access graph
 * with it: loaded all at once, they were most of the start-up of `iamspect --version`.
 */
const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<RegisterCommand>]> = [
  ['audit', async () => (await import('./commands/audit.js')).registerAudit],
  ['collect', async () => (await import('./commands/collect.js')).registerCollect],
  ['template', async () => (await import('./commands/template.js')).registerTemplate],
  ['rules', async () => (await import('./commands/rules.js')).registerRules],
  ['frameworks', async () => (await import('./commands/frameworks.js')).registerFrameworks],
  ['permissions', async () => (await import('./commands/permissions.js')).registerPermissions],
  ['diff', async () => (await import('./commands/diff.js')).registerDiff],
  ['suppress', async () => (await import('./commands/suppress.js')).registerSuppress],
  ['merge', async () => (await import('./commands/merge.js')).registerMerge],
  ['can', async () => (await import('./commands/can.js')).registerCan],
  ['who-can', async () => (await import('./commands/who-can.js')).registerWhoCan],
  ['paths', async () => (await import('./commands/paths.js')).registerPaths],
  ['explain', async () => (await import('./commands/explain.js')).registerExplain],
];

const VERSION_FLAGS = ['--version', '-V'];
const HELP_FLAGS = ['--help', '-h'];

/**
 * The commands a command line needs registered: the one it names (the program's own options take
 * no value, so that is its first word not starting with '-'); none when it only asks for the
 * version; otherwise all of them, since the program's help lists them and an unknown command's
 * error is matched against them.
 */
function commandsNeeded(argv: readonly string[]): typeof COMMANDS {
  const word = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.filter(([name]) => name === word);
  if (named.length > 0) return named;
  const versionOnly =
    word === undefined &&
    argv.some((arg) => VERSION_FLAGS.includes(arg)) &&
    !argv.some((arg) => HELP_FLAGS.includes(arg));
  return versionOnly ? [] : COMMANDS;
}

/** The program with the commands `argv` needs (all of them without `argv`). */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const commands = argv === undefined ? COMMANDS : commandsNeeded(argv);
  // One after another: jest's module linker fails on concurrent imports sharing a dependency.
  const registers: RegisterCommand[] = [];
  for (const [, load] of commands) registers.push(await load());
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
  for (const register of registers) register(program);
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
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = await buildProgram(argv);
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
