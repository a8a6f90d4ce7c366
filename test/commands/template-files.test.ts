// A template report speaks of the files it read, never of a placeholder account: `files` lists
// each file with its kind and what became of it, and no account entry stands for the templates.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Report } from '../../src/report/model.js';
import { runCli } from '../cli-harness.js';
import { useTempDir } from '../builders/temp-dir.js';

const SEED = 'fixtures/templates/seed';
const PLACEHOLDER_ACCOUNT = '000000000000';
/** A report written by `iamspect template fixtures/templates/seed --format json` before `files` existed. */
const V1_REPORT = 'test/commands/fixtures/template-seed-v1-report.json';

const dir = useTempDir('iamspect-template-files-');

async function jsonOf(args: string[]): Promise<{ code: number; report: Report }> {
  const run = await runCli(['template', ...args, '--format', 'json']);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

describe('a template report names files, not a placeholder account', () => {
  test('JSON: a files list, no account entry, no finding placed in the placeholder account', async () => {
    const { code, report } = await jsonOf([SEED]);
    expect(code).toBe(1);
    expect(report.schemaVersion).toBe(2);
    expect(report.accounts).toEqual([]);
    expect(report.files).toEqual([
      { path: `${SEED}/ec2-sample.yaml`, kind: 'cloudformation', status: 'analysed' },
      { path: `${SEED}/iam-admin-user.yaml`, kind: 'cloudformation', status: 'analysed' },
    ]);
    for (const entry of [...report.findings, ...report.notEvaluated, ...report.ruleErrors]) {
      expect(entry.accountId).toBeUndefined();
    }
  });

  test('each kind of file: CloudFormation, SAM, Terraform plan and state', async () => {
    const plan = 'fixtures/templates/cases/terraform/plan/tfplan.json';
    const state = 'fixtures/templates/cases/terraform/state/terraform.tfstate.json';
    const sam = 'fixtures/templates/cases/sam/fail-function-administrator-access.yaml';
    const cfn = `${SEED}/iam-admin-user.yaml`;
    const { report } = await jsonOf([cfn, sam, plan, state]);
    expect(report.files?.map((file) => [file.path, file.kind])).toEqual([
      [cfn, 'cloudformation'],
      [sam, 'sam'],
      [plan, 'terraform-plan'],
      [state, 'terraform-state'],
    ]);
  });

  test('a broken file is failed and a partly read one not analysed, with the reason: exit 3', async () => {
    const broken = relative(process.cwd(), join(dir(), 'broken.yaml'));
    writeFileSync(broken, 'Resources: [unclosed\n');
    const nested = 'fixtures/templates/cases/not-analysed/fail-nested-stack.yaml';
    const { code, report } = await jsonOf([broken, nested, '--rules', 'user-direct-policies']);
    expect(code).toBe(3);
    expect(report.accounts).toEqual([]);
    expect(report.files).toEqual([
      { path: broken, status: 'failed', reason: expect.stringMatching(/^broken\.yaml|not valid YAML/) },
      {
        path: nested,
        kind: 'cloudformation',
        status: 'not-analysed',
        reason: expect.stringContaining('not analysed'),
      },
    ]);
  });

  test('a file not analysed is listed by the table and is a SARIF tool notification', async () => {
    const nested = 'fixtures/templates/cases/not-analysed/fail-nested-stack.yaml';
    const table = await runCli(['template', SEED, nested, '--format', 'table']);
    expect(table.stdout).toMatch(
      /Files not analysed \(1\):\n.*fail-nested-stack\.yaml:\d+:\d+: not analysed: nested stack/,
    );
    const sarif = await runCli(['template', SEED, nested, '--format', 'sarif']);
    const invocation = (
      JSON.parse(sarif.stdout) as {
        runs: Array<{
          invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
        }>;
      }
    ).runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toContainEqual(
      expect.objectContaining({
        descriptor: expect.objectContaining({ id: 'iamspect/file-not-analysed' }),
        locations: [{ physicalLocation: { artifactLocation: { uri: nested } } }],
      }),
    );
  });

  test('SARIF and HTML name the template files, never the placeholder account', async () => {
    const sarif = await runCli(['template', SEED, '--format', 'sarif']);
    const run = (JSON.parse(sarif.stdout) as { runs: Array<Record<string, unknown>> }).runs[0]!;
    expect(JSON.stringify(run.results)).not.toContain(`"accountId":"${PLACEHOLDER_ACCOUNT}"`);
    expect(run.artifacts).toEqual([
      expect.objectContaining({ location: { uri: `${SEED}/ec2-sample.yaml` } }),
      expect.objectContaining({ location: { uri: `${SEED}/iam-admin-user.yaml` } }),
    ]);
    const html = (await runCli(['template', SEED, '--format', 'html'])).stdout;
    const title = /<title>(.*)<\/title>/.exec(html)![1]!;
    expect(title).toBe('iamspect report · 2 templates: ec2-sample.yaml, iam-admin-user.yaml');
    expect(html).not.toContain(`Account ${PLACEHOLDER_ACCOUNT}`);
  });
});

describe('reports written before files existed (schemaVersion 1)', () => {
  test('an old baseline still matches every finding: fingerprints did not change', async () => {
    const { code, report } = await jsonOf([SEED, '--baseline', V1_REPORT]);
    expect(code).toBe(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.baselineState === 'existing')).toBe(true);
    expect(report.fixed).toEqual([]);
  });

  test('a v1 report still reads for diff and merge', async () => {
    const v2 = join(dir(), 'v2.json');
    const written = await runCli(['template', SEED, '--output', `json=${v2}`, '--format', 'table']);
    expect(written.code).toBe(1);
    const diff = await runCli(['diff', V1_REPORT, v2, '--format', 'json']);
    expect(diff.stderr).toBe('');
    expect(JSON.parse(diff.stdout)).toMatchObject({ added: [], fixed: [], notRechecked: [] });
    const old = join(dir(), 'old.json');
    copyFileSync(V1_REPORT, old);
    const merged = join(dir(), 'merged.json');
    const merge = await runCli(['merge', old, '--output', merged]);
    expect(merge.stderr).toBe('');
    expect((JSON.parse(readFileSync(merged, 'utf8')) as Report).schemaVersion).toBe(2);
  });
});
