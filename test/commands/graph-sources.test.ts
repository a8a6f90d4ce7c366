// can, who-can, paths and explain on every source that holds a whole account: a snapshot file, AWS
// CLI outputs and the bundled demo (the same account three ways, so the JSON answers must agree),
// and explain on the JSON report of `iamspect template` (a template is part of an account, so the
// other commands, which answer for a whole one, do not read templates).
import { afterAll } from '@jest/globals';
import { join } from 'node:path';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli } from '../cli-harness.js';

const DEMO_ACCOUNT = '493812605177';
const demoArn = (resource: string) => `arn:aws:iam::${DEMO_ACCOUNT}:${resource}`;
const snapshotFile = join(tempDirWith({ 'demo.json': JSON.stringify(loadDemoSnapshot()) }), 'demo.json');
afterAll(removeTempDirs);

const SOURCES: Array<[string, string[]]> = [
  ['--snapshot', ['--snapshot', snapshotFile]],
  ['--aws-cli-dir', ['--aws-cli-dir', 'fixtures/demo']],
  ['--demo', ['--demo']],
];

const QUESTIONS: Array<[string, string[], (answer: Record<string, unknown>) => void]> = [
  [
    'can',
    ['can', 'user/ci-deploy', 'iam:PassRole', demoArn('role/web-app-ec2')],
    (answer) =>
      expect(answer).toMatchObject({
        decision: 'allowed',
        principal: demoArn('user/automation/ci-deploy'),
        action: 'iam:PassRole',
        resource: demoArn('role/web-app-ec2'),
        reasons: [expect.objectContaining({ effect: 'Allow', sid: 'PassStackRoles' })],
      }),
  ],
  [
    'who-can',
    ['who-can', 'iam:PassRole'],
    (answer) =>
      expect(answer.principals).toContainEqual({
        arn: demoArn('user/automation/ci-deploy'),
        decision: 'allowed',
        path: null,
      }),
  ],
  [
    'paths',
    ['paths', 'user/ci-deploy'],
    (answer) => expect(answer).toMatchObject({ principal: demoArn('user/automation/ci-deploy'), paths: [] }),
  ],
  [
    'explain',
    ['explain', '--rule', 'user-admin-without-mfa', '--resource', demoArn('user/admin')],
    (answer) =>
      expect(answer).toMatchObject({
        ruleId: 'user-admin-without-mfa',
        resource: demoArn('user/admin'),
        message: expect.stringContaining('User admin has full admin'),
      }),
  ],
];

describe.each(QUESTIONS)('%s --format json', (_command, args, check) => {
  const answers = new Map<string, string>();

  test.each(SOURCES)('from %s', async (source, sourceArgs) => {
    const { code, stdout } = await runCli([...args, ...sourceArgs, '--format', 'json']);
    expect(code).toBe(0);
    check(JSON.parse(stdout) as Record<string, unknown>);
    answers.set(source, stdout);
  });

  test('every source gives the same answer', () => {
    expect(new Set(answers.values()).size).toBe(1);
  });
});

test('explain reads the JSON report of a template scan', async () => {
  const report = await runCli(['template', 'fixtures/templates/seed', '--format', 'json']);
  const finding = (
    JSON.parse(report.stdout) as {
      findings: Array<{ ruleId: string; resource: string; fingerprint: string }>;
    }
  ).findings.find((f) => f.ruleId === 'principal-full-admin' && f.resource.endsWith(':user/admin'))!;
  const reportFile = join(tempDirWith({ 'report.json': report.stdout }), 'report.json');
  const byFingerprint = ['explain', '--report', reportFile, '--fingerprint', finding.fingerprint];
  const { code, stdout } = await runCli([...byFingerprint, '--format', 'json']);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ ruleId: 'principal-full-admin', resource: finding.resource });
});

test.each([
  ['an ARN', demoArn('user/automation/ci-deploy'), demoArn('user/automation/ci-deploy')],
  ['user/NAME (the path left out)', 'user/ci-deploy', demoArn('user/automation/ci-deploy')],
  ['role/NAME', 'role/OrganizationAccountAccessRole', demoArn('role/OrganizationAccountAccessRole')],
])('can names its PRINCIPAL by %s', async (_form, principal, arn) => {
  const { code, stdout } = await runCli(['can', principal, 'iam:PassRole', '--demo', '--format', 'json']);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ principal: arn });
});
