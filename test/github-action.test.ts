// The GitHub Action (action.yml): its steps run here as the runner runs them (bash, the inputs
// through the step's env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / RUNNER_TEMP files in a temporary
// directory, the repository as the action's path), against the demo account. The install step
// (npm ci and a build in the action's directory) is checked as text: running it here would
// replace this checkout's node_modules; scripts/check-package.sh covers installing the package.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ActionInputError, splitArgs } from '../scripts/action-run.js';
import type { Report } from '../src/report/model.js';
import { packageRoot } from '../src/util/package-root.js';
import { runCli } from './cli-harness.js';

interface Step {
  id: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionYml {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const root = packageRoot();
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYml;
const stepById = (id: string) => action.runs.steps.find((step) => step.id === id)!;

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/** The step runs the built CLI: build it when the sources are newer (npm ci builds it in CI). */
function ensureBuilt(): void {
  const built = join(root, 'dist', 'scripts', 'github-action.js');
  let builtAt = 0;
  try {
    builtAt = Math.min(statSync(built).mtimeMs, statSync(join(root, 'dist', 'src', 'cli.js')).mtimeMs);
  } catch {
    // not built yet
  }
  if (builtAt >= Math.max(newest(join(root, 'src')), newest(join(root, 'scripts')))) return;
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
}

/** `${{ inputs.x }}` and `${{ github.action_path }}`, as the runner expands them in a step. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.action_path') return root;
    if (expression.startsWith('inputs.')) return inputs[expression.slice('inputs.'.length)] ?? '';
    throw new Error(`action.yml: expression ${expression} is not expanded by this test`);
  });
}

interface ActionRun {
  code: number;
  stdout: string;
  /** The action's outputs, read through the `outputs:` mapping from the step outputs. */
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

let temp: string;

beforeAll(() => {
  ensureBuilt();
  temp = mkdtempSync(join(tmpdir(), 'iamspect-action-'));
}, 600_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the action's steps after install with `with:` inputs, in a fresh workspace. */
function runAction(
  withInputs: Record<string, string>,
  runnerTemp = mkdtempSync(join(temp, 'runner-temp-')),
): ActionRun {
  const dir = mkdtempSync(join(temp, 'run-'));
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  const files = { output: join(dir, 'github-output'), summary: join(dir, 'step-summary') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = {
    ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])),
    ...withInputs,
  };
  const step = stepById('run');
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value, inputs)]),
  );
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTION_PATH: root,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runnerTemp,
      ...env,
    },
  });
  const stepOutputs = Object.fromEntries(
    readFileSync(files.output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const outputs: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(action.outputs)) {
    const match = /^\$\{\{ steps\.run\.outputs\.([\w-]+) \}\}$/.exec(value);
    if (!match) throw new Error(`action.yml: output ${name} is not a run step output: ${value}`);
    const stepOutput = stepOutputs[match[1]!];
    if (stepOutput !== undefined) outputs[name] = stepOutput;
  }
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    outputs,
    summary: readFileSync(files.summary, 'utf8'),
    workspace,
  };
}

async function demoReport(): Promise<Report> {
  return JSON.parse((await runCli(['audit', '--demo', '--format', 'json'])).stdout) as Report;
}

describe('action.yml', () => {
  test('is a composite action that installs its own commit with the lockfile, never a published version', () => {
    expect(action.runs.using).toBe('composite');
    const install = stepById('install');
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci --ignore-scripts\b/m);
    expect(install.run).toMatch(/^npm run build\b/m);
    const everyRun = action.runs.steps.map((step) => step.run).join('\n');
    expect(everyRun).not.toMatch(/npx|npm (i|install)\b|@latest|iamspect@/);
    expect(action.runs.steps.every((step) => !('uses' in step))).toBe(true);
  });

  test('inputs reach the script through env, never pasted into the shell script', () => {
    for (const step of action.runs.steps) expect(step.run).not.toContain('${{');
  });
});

describe('the action run locally', () => {
  test('audit --demo: exit code and counts as outputs, the Markdown report as the job summary, SARIF written', async () => {
    const run = runAction({ args: 'audit --demo' });
    const report = await demoReport();
    expect(run.code).toBe(0);
    const { bySeverity } = report.summary;
    expect(run.outputs).toEqual({
      'exit-code': '0',
      findings: String(report.summary.findings),
      critical: String(bySeverity.critical),
      high: String(bySeverity.high),
      medium: String(bySeverity.medium),
      low: String(bySeverity.low),
      info: String(bySeverity.info),
      failing: '0',
      suppressed: String(report.summary.suppressed),
      'not-evaluated': String(report.summary.notEvaluated),
      'report-file': expect.stringMatching(/runner-temp-\w+\/iamspect-report\.json$/),
      'sarif-file': 'iamspect.sarif',
    });
    expect(report.summary.findings).toBeGreaterThan(0);
    const markdown = (await runCli(['audit', '--demo', '--format', 'markdown'])).stdout;
    expect(run.summary).toBe(markdown);
    const sarif = JSON.parse(readFileSync(join(run.workspace, 'iamspect.sarif'), 'utf8')) as {
      version: string;
    };
    expect(sarif.version).toBe('2.1.0');
    // The table still goes to the log.
    expect(run.stdout).toContain('northwind-prod');
  });

  test('fail-on high: the step fails with exit 1 and still sets its outputs and summary', () => {
    const run = runAction({ args: 'audit --demo', 'fail-on': 'high', 'sarif-file': '' });
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('1');
    expect(Number(run.outputs.failing)).toBeGreaterThan(0);
    expect(run.outputs['sarif-file']).toBeUndefined();
    expect(readdirSync(run.workspace)).toEqual([]);
    expect(run.summary).toContain('northwind-prod');
  });

  test('a quoted argument reaches iamspect as one word', async () => {
    // Split at the space, 'root-hardware-mfa' would be a stray argument: exit 2.
    const run = runAction({ args: `audit --demo --rules 'root-access-keys, root-hardware-mfa'` });
    const direct = await runCli([
      'audit',
      '--demo',
      '--rules',
      'root-access-keys,root-hardware-mfa',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(run.outputs.findings).toBe(String((JSON.parse(direct.stdout) as Report).summary.findings));
    expect(run.outputs.critical).toBe('1');
  });

  test.each([
    ['rules --format json', 'does not start with audit or template'],
    [`audit --demo --rules 'root-access-keys`, "unbalanced ' quote"],
  ])('args "%s" is an error annotation and exit 2, with exit-code set', (args, message) => {
    const run = runAction({ args });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error title=iamspect action::args: `);
    expect(run.stdout).toContain(message);
    expect(run.outputs).toEqual({ 'exit-code': '2' });
    expect(run.summary).toBe('');
  });

  test("iamspect's own exit 2 is the step's exit code, with no counts from an earlier run's report", () => {
    const runnerTemp = mkdtempSync(join(temp, 'runner-temp-'));
    expect(runAction({ args: 'audit --demo' }, runnerTemp).code).toBe(0);
    const run = runAction({ args: 'audit --demo --config missing.yml' }, runnerTemp);
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual({ 'exit-code': '2' });
    expect(run.summary).toBe('');
  });
});

describe('splitArgs', () => {
  test.each<[string, string[]]>([
    ['audit --demo', ['audit', '--demo']],
    ['  audit\t--demo \n', ['audit', '--demo']],
    [`template 'infra dir/' --fail-on high`, ['template', 'infra dir/', '--fail-on', 'high']],
    [`audit --config "ci/my config.yml"`, ['audit', '--config', 'ci/my config.yml']],
    [`audit --sarif-anchor "a \\"b\\" c\\\\"`, ['audit', '--sarif-anchor', 'a "b" c\\']],
    [`audit --x a\\ b`, ['audit', '--x', 'a b']],
    [`audit ''`, ['audit', '']],
    [`audit '$HOME' "$(id)"`, ['audit', '$HOME', '$(id)']],
    ['', []],
  ])('%j', (line, words) => {
    expect(splitArgs(line)).toEqual(words);
  });

  test('an unbalanced quote is an input error', () => {
    expect(() => splitArgs('audit "x')).toThrow(ActionInputError);
  });
});
