import { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PreparedRun } from '../../src/commands/report-options.js';
import {
  registerTemplate,
  runTemplate,
  runsOnTemplates,
  templateReport,
} from '../../src/commands/template.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { principalFullAdmin } from '../../src/rules/policy/principal-full-admin.js';
import { scanTemplates } from '../../src/template/scan.js';
import { InputError } from '../../src/errors.js';
import type { Report } from '../../src/report/model.js';
import { OUTPUT_FORMATS } from '../../src/report/render.js';
import { RULES } from '../../src/rules/index.js';
import { defineRule } from '../../src/rules/types.js';
import { z } from 'zod';
import { useTempDir } from '../builders/temp-dir.js';
import { captureOutput } from '../builders/output.js';

const SEED = 'fixtures/templates/seed';
const SECRET = 'Sup3r-Secret-Passw0rd';

const dir = useTempDir('iamspect-template-cmd-');

/** A file in the temp directory, named relative to the working directory (as a user would type it). */
function file(name: string, content: string): string {
  const path = join(dir(), name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return relative(process.cwd(), path);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command body with stdout and stderr captured. InputError is exit 2, as in cli.ts. */
async function captured(body: () => number | Promise<number>): Promise<Run> {
  const output = captureOutput();
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await body();
    return { code, stdout: output.stdout, stderr: output.stderr };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { code: 2, stdout: output.stdout, stderr: `${output.stderr}${error.message}` };
  } finally {
    process.exitCode = previous;
    output.restore();
  }
}

/** Runs `iamspect template ARGS` through commander, as the CLI will. */
function template(args: string[]): Promise<Run> {
  return captured(async () => {
    const program = new Command().exitOverride();
    registerTemplate(program);
    await program.parseAsync(['template', ...args], { from: 'user' });
    return Number(process.exitCode ?? 0);
  });
}

async function jsonReport(args: string[]): Promise<{ code: number; report: Report }> {
  const run = await template([...args, '--format', 'json']);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

/** A run of principal-full-admin alone. */
const fullAdminOnly: PreparedRun = {
  loaded: { config: {} },
  rules: resolveRules([principalFullAdmin], {}),
  notRun: [],
  failOn: 'high',
  outputs: [],
};

describe('acceptance: the seed templates', () => {
  test('iam-admin-user.yaml: the literal password at its line, and full admin for admin through its group', async () => {
    const { code, report } = await jsonReport([`${SEED}/iam-admin-user.yaml`]);
    expect(code).toBe(1);
    const admin = 'arn:aws:iam::000000000000:user/admin';
    const byRule = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId);
    expect(byRule('template-literal-password')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        resource: admin,
        location: { file: `${SEED}/iam-admin-user.yaml`, line: 22, column: 9 },
      }),
    ]);
    expect(byRule('template-user-managed-admin')).toEqual([
      expect.objectContaining({
        resource: admin,
        message: 'User admin gets AdministratorAccess through group administrators.',
        location: { file: `${SEED}/iam-admin-user.yaml`, line: 13, column: 11 },
      }),
    ]);
    expect(report.notEvaluated).toEqual([]);
    expect(report.ruleErrors).toEqual([]);
  });

  test('iam-admin-user.yaml: principal-full-admin finds admin through its group, located at the user', () => {
    const { report } = templateReport(scanTemplates([`${SEED}/iam-admin-user.yaml`]), fullAdminOnly);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'principal-full-admin',
        resource: 'arn:aws:iam::000000000000:user/admin',
        message: expect.stringContaining('through AdministratorAccess (via group administrators)'),
        location: { file: `${SEED}/iam-admin-user.yaml`, line: 16, column: 3 },
      }),
    );
  });

  test('a user whose policy cannot be read is not evaluated, per template: two files, two gaps', () => {
    const unreadable = [
      'Resources:',
      '  Admin:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      UserName: admin',
      '      Policies:',
      '        - PolicyName: limits',
      "          PolicyDocument: '%257B%2522Version%2522'",
      '',
    ].join('\n');
    const files = [file('a/stack.yaml', unreadable), file('b/stack.yaml', unreadable)];
    const { report } = templateReport(scanTemplates(files), fullAdminOnly);
    expect(report.notEvaluated.map((gap) => [gap.resource, gap.reason.split(': ')[0]])).toEqual(
      files.map((path) => ['arn:aws:iam::000000000000:user/admin', path]),
    );
  });

  test('ec2-sample.yaml: no findings, exit 0', async () => {
    const { code, report } = await jsonReport([`${SEED}/ec2-sample.yaml`]);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('rules: exactly those a template can feed', () => {
  test('selected from what each rule needs, so account-level rules never show as "not evaluated"', async () => {
    const { report } = await jsonReport([`${SEED}/ec2-sample.yaml`]);
    const expected = RULES.filter((rule) => rule.enabledByDefault && runsOnTemplates(rule)).map(
      (rule) => rule.id,
    );
    expect(report.rules.map((rule) => rule.id)).toEqual(expected);
    expect(expected).toEqual(
      expect.arrayContaining(['template-literal-password', 'template-user-managed-admin']),
    );
    expect(expected).not.toContain('root-mfa');
  });

  test('a rule runs on templates only when its runsOn says so, whatever it needs', () => {
    const rule = defineRule({
      id: 'nobody-has-it',
      title: 'Someone has it',
      severity: 'low',
      needs: ['authorizationDetails'],
      options: z.object({}).strict(),
      docs: { rationale: 'r', remediation: 'r', references: [] },
      frameworks: {},
      check: () => [],
    });
    expect(runsOnTemplates(rule)).toBe(false);
    expect(runsOnTemplates({ ...rule, runsOn: 'both' })).toBe(true);
    expect(runsOnTemplates({ ...rule, runsOn: 'template' })).toBe(true);
  });

  test('--rules naming an account-level rule says why it did not run', async () => {
    const run = await template([
      `${SEED}/ec2-sample.yaml`,
      '--rules',
      'root-mfa,template-literal-password',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      '--rules root-mfa: not run on templates, it needs credentialReport, accountSummary',
    );
  });
});

describe('exit codes', () => {
  const broken = () =>
    file('broken.yaml', 'Resources:\n  A:\n    Type: AWS::IAM::User\n    Properties: {UserName: [unclosed\n');

  test('3: a broken file among good ones; the good ones are still scanned and the failure names its line', async () => {
    const { code, report } = await jsonReport([`${SEED}/ec2-sample.yaml`, broken()]);
    expect(code).toBe(3);
    expect(report.files).toEqual([
      expect.objectContaining({ status: 'analysed', path: `${SEED}/ec2-sample.yaml` }),
      expect.objectContaining({
        status: 'failed',
        reason: expect.stringMatching(/broken\.yaml:5:1: not valid YAML or JSON/),
      }),
    ]);
  });

  test('0 with --allow-incomplete', async () => {
    expect((await template([`${SEED}/ec2-sample.yaml`, broken(), '--allow-incomplete'])).code).toBe(0);
  });

  test('1: findings beat a broken file', async () => {
    expect((await template([`${SEED}/iam-admin-user.yaml`, broken()])).code).toBe(1);
  });

  test('2: nothing could be read; the message names each file and its line', async () => {
    const run = await template([broken(), join(dir(), 'missing.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:5:1: not valid YAML or JSON/);
    expect(run.stderr).toMatch(/missing\.yaml: cannot read: no such file or directory/);
  });

  test('2: only files that are not CloudFormation', async () => {
    const run = await template([file('compose.yaml', 'services: {web: {image: nginx}}\n')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('compose.yaml: not a CloudFormation template');
  });

  test('a file that is not CloudFormation, among templates, is a note, not a failure', async () => {
    const { code, report } = await jsonReport([
      `${SEED}/ec2-sample.yaml`,
      file('compose.yaml', 'services: {}\n'),
    ]);
    expect(code).toBe(0);
    expect(report.warnings).toEqual([
      expect.stringMatching(/Skipped 1 file that is not a CloudFormation template .*compose\.yaml/),
    ]);
  });
});

describe('locations', () => {
  const stack = [
    'Resources:',
    '  Deployers:',
    '    Type: AWS::IAM::Group',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: read',
    '          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}',
    '        - PolicyName: deploy',
    '          PolicyDocument: {Statement: [{Effect: Allow, Action: cloudformation:*, Resource: "*"}]}',
    '  Deployer:',
    '    Type: AWS::IAM::User',
    '    Properties:',
    '      UserName: deployer',
    '      Groups: [!Ref Deployers]',
    '      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
    '',
  ].join('\n');
  const rules = ['--rules', 'inline-policy-on-group-or-role,user-direct-policies'];

  test('findings of the shared rules point at their principal, or at the inline policy they name', async () => {
    const path = file('infra/deploy.yaml', stack);
    const { report } = await jsonReport([path, ...rules]);
    expect(report.findings.map((f) => [f.ruleId, f.discriminator, f.location])).toEqual([
      ['user-direct-policies', undefined, { file: path, line: 10, column: 3 }],
      ['inline-policy-on-group-or-role', 'deploy', { file: path, line: 8, column: 11 }],
      ['inline-policy-on-group-or-role', 'read', { file: path, line: 6, column: 11 }],
    ]);
  });

  test('SARIF points at the real file and line, relative to the working directory', async () => {
    const path = file('infra/deploy.yaml', stack);
    const sarif = JSON.parse((await template([path, ...rules, '--format', 'sarif'])).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown }> }> }>;
    };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'user-direct-policies');
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: path.split('\\').join('/') },
      region: { startLine: 10, startColumn: 3 },
    });
  });

  test('one user name in two templates: two findings with different fingerprints', async () => {
    const first = file('a/stack.yaml', stack);
    const second = file('b/stack.yaml', stack);
    const { report } = await jsonReport([first, second, '--rules', 'user-direct-policies']);
    expect(report.findings.map((f) => [f.resource, f.location?.file])).toEqual([
      ['arn:aws:iam::000000000000:user/deployer', first],
      ['arn:aws:iam::000000000000:user/deployer', second],
    ]);
    expect(report.findings[0]!.fingerprint).not.toBe(report.findings[1]!.fingerprint);
    expect(report.files?.map((entry) => entry.path)).toEqual([first, second]);
  });
});

test('standard input (-), named in locations with --stdin-filename', async () => {
  const text = readFileSync(`${SEED}/iam-admin-user.yaml`, 'utf8');
  const flags = { format: 'json' as const, output: [], stdinFilename: 'infra/admin.yaml' };
  const run = await captured(() => runTemplate(['-'], flags, { readStdin: () => text }));
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as Report;
  expect(report.findings.find((f) => f.ruleId === 'template-literal-password')?.location).toEqual({
    file: 'infra/admin.yaml',
    line: 22,
    column: 9,
  });
});

describe('secrets never leave', () => {
  const text = [
    'Parameters:',
    `  AdminPassword: {Type: String, NoEcho: true, Default: ${SECRET}-param}`,
    'Resources:',
    '  Admin:',
    '    Type: AWS::IAM::User',
    '    Properties:',
    '      UserName: admin',
    `      LoginProfile: {Password: "${SECRET}"}`,
    '      Tags: [{Key: initial, Value: !Ref AdminPassword}]',
    '  Other:',
    '    Type: AWS::IAM::User',
    '    Properties:',
    '      LoginProfile: {Password: !Ref AdminPassword}',
    // A name built from the secret: the ARN, which every format shows, must not carry it.
    '      UserName: !Join ["-", [svc, !Ref AdminPassword]]',
    '      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
    '',
  ].join('\n');

  test('both passwords are found', async () => {
    const { report } = await jsonReport([file('secret.yaml', text)]);
    expect(report.findings.filter((f) => f.ruleId === 'template-literal-password')).toHaveLength(2);
  });

  test.each(OUTPUT_FORMATS.map((format) => [format]))('%s: the password is in no output', async (format) => {
    const path = file('secret.yaml', text);
    const out = join(dir(), `report.${format}`);
    const run = await template([
      path,
      '--format',
      format,
      '--output',
      `${format}=${out}`,
      '--show-suppressed',
    ]);
    expect(run.code).toBe(1);
    const written = readFileSync(out, 'utf8');
    expect(written.length).toBeGreaterThan(0);
    for (const output of [run.stdout, run.stderr, written]) expect(output).not.toContain(SECRET);
  });
});
