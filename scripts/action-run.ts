// The run step of the GitHub Action (action.yml at the repository root; scripts/github-action.ts
// is its entry point). It runs the iamspect
// command line given in the `args` input with the action's own report files added (a JSON report
// for the counts, the Markdown summary, and SARIF when `sarif-file` is set), then hands the results
// to the runner: the counts and the exit code as step outputs ($GITHUB_OUTPUT), the Markdown report
// as the job summary ($GITHUB_STEP_SUMMARY). It exits with iamspect's exit code, so the step fails
// exactly when the audit does (1 findings, 2 could not run, 3 incomplete).
//
// Inputs come in through environment variables set in action.yml, never pasted into a shell
// script: a workflow's `args` cannot inject commands.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../src/report/model.js';
import { SEVERITIES } from '../src/model/severity.js';
import { packageRoot } from '../src/util/package-root.js';

/** The commands that produce a report, and so have the action's outputs and summary. */
const REPORT_COMMANDS = ['audit', 'template'];

export interface ActionInputs {
  /** The iamspect command line after `iamspect`, e.g. `audit --config ci/.iamspect.yml`. */
  args: string;
  /** Where to write SARIF (relative to the workspace); empty for none. */
  sarifFile: string;
  /** --fail-on, empty for the config file's or iamspect's default. */
  failOn: string;
}

/** A one-line problem with the action's inputs: reported as a workflow error, exit 2. */
export class ActionInputError extends Error {}

/**
 * Splits a command line into words as a POSIX shell does for plain words and quotes: whitespace
 * separates, 'single quotes' keep everything, "double quotes" keep everything but \" and \\,
 * a backslash outside quotes escapes the next character. No variables, globs or substitutions.
 */
export function splitArgs(line: string): string[] {
  const words: string[] = [];
  let word = '';
  /** Whether a word has begun: `''` is an empty word, not nothing. */
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (next === '"' || next === '\\')) word += line[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && next !== undefined) word += line[++i];
      else word += c;
    }
  }
  if (quote)
    throw new ActionInputError(`args: unbalanced ${quote} quote in "${line}": close it or remove it`);
  if (inWord) words.push(word);
  return words;
}

/** Paths of the report files the action adds to the command line. */
export interface ActionFiles {
  json: string;
  markdown: string;
  sarif?: string;
}

export function actionFiles(inputs: ActionInputs, runnerTemp: string): ActionFiles {
  return {
    json: join(runnerTemp, 'iamspect-report.json'),
    markdown: join(runnerTemp, 'iamspect-summary.md'),
    sarif: inputs.sarifFile || undefined,
  };
}

/** The iamspect arguments: the user's command line plus the action's report files and --fail-on. */
export function cliArguments(inputs: ActionInputs, files: ActionFiles): string[] {
  const words = splitArgs(inputs.args);
  if (!REPORT_COMMANDS.includes(words[0] ?? '')) {
    throw new ActionInputError(
      `args: "${inputs.args}" does not start with ${REPORT_COMMANDS.join(' or ')}: ` +
        'the action runs a command that produces a report, e.g. args: audit --demo',
    );
  }
  const outputs = [`json=${files.json}`, `markdown=${files.markdown}`];
  if (files.sarif) outputs.push(`sarif=${files.sarif}`);
  return [
    ...words,
    ...outputs.flatMap((pair) => ['--output', pair]),
    ...(inputs.failOn ? ['--fail-on', inputs.failOn] : []),
  ];
}

/** The step outputs: the exit code always, the counts when the run wrote its report. */
export function actionOutputs(
  exitCode: number,
  files: ActionFiles,
  summary?: Summary,
): Record<string, string> {
  const outputs: Record<string, string> = { 'exit-code': String(exitCode) };
  if (!summary) return outputs;
  outputs.findings = String(summary.findings);
  for (const severity of SEVERITIES) outputs[severity] = String(summary.bySeverity[severity]);
  outputs.failing = String(summary.failing);
  outputs.suppressed = String(summary.suppressed);
  outputs['not-evaluated'] = String(summary.notEvaluated);
  outputs['report-file'] = files.json;
  if (files.sarif) outputs['sarif-file'] = files.sarif;
  return outputs;
}

function readSummary(path: string): Summary | undefined {
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { summary: Summary }).summary;
}

type Env = Record<string, string | undefined>;

function requiredEnv(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ActionInputError(`${name} is not set: run this script as a step of action.yml`);
  return value;
}

function run(env: Env): number {
  const outputFile = requiredEnv(env, 'GITHUB_OUTPUT');
  const inputs: ActionInputs = {
    args: env.INPUT_ARGS ?? '',
    sarifFile: env.INPUT_SARIF_FILE ?? '',
    failOn: env.INPUT_FAIL_ON ?? '',
  };
  const files = actionFiles(inputs, requiredEnv(env, 'RUNNER_TEMP'));
  // A report left by an earlier run of the action in this job must not pass for this run's.
  for (const file of [files.json, files.markdown]) rmSync(file, { force: true });
  const cli = join(packageRoot(), 'dist', 'src', 'cli.js');
  const child = spawnSync(process.execPath, [cli, ...cliArguments(inputs, files)], { stdio: 'inherit', env });
  // A CLI killed by a signal has no exit code: count it as "could not run".
  const exitCode = child.status ?? 2;

  const outputs = actionOutputs(exitCode, files, readSummary(files.json));
  appendFileSync(
    outputFile,
    Object.entries(outputs)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  if (env.GITHUB_STEP_SUMMARY && existsSync(files.markdown)) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(files.markdown));
  }
  return exitCode;
}

/** Runs the action's step in the runner's environment `env`; returns the step's exit code. */
export function runAction(env: Env): number {
  try {
    return run(env);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    // A workflow command: GitHub shows it as an error annotation on the run.
    console.log(`::error title=iamspect action::${error.message}`);
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, 'exit-code=2\n');
    return 2;
  }
}
