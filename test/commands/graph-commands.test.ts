// can, who-can, paths and explain through the real CLI: text and JSON answers, exit codes, and
// the coverage note every answer carries, on escalationChainAccount().
import { afterAll } from '@jest/globals';
import { join } from 'node:path';
import { escalationChainAccount, iamResource } from '../builders/policies.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli } from '../cli-harness.js';

const snapshot = escalationChainAccount();
const file = join(tempDirWith({ 'snap.json': JSON.stringify(snapshot) }), 'snap.json');
afterAll(removeTempDirs);

const COVERAGE = 'Covers identity-based access only';

describe('iamspect can', () => {
  test.each([
    [['user/dev', 's3:GetObject', 'arn:aws:s3:::data/x'], 'allowed'],
    [['user/dev', 's3:GetObject', 'arn:aws:s3:::other/x'], 'denied'],
    [['user/office', 'iam:CreateAccessKey', iamResource('user/boss')], 'conditional'],
    [
      [
        'user/office',
        'iam:CreateAccessKey',
        iamResource('user/boss'),
        '--context',
        'aws:RequestedRegion=eu-west-1',
      ],
      'allowed',
    ],
    [
      [
        'user/office',
        'iam:CreateAccessKey',
        iamResource('user/boss'),
        '--context',
        'aws:RequestedRegion=us-east-1',
      ],
      'denied',
    ],
    [
      [
        'user/office',
        'iam:CreateAccessKey',
        iamResource('user/dev'),
        '--context',
        'aws:RequestedRegion=eu-west-1',
      ],
      'denied',
    ],
  ])('%j is %s, in JSON with the reasons', async (args, decision) => {
    const { code, stdout } = await runCli(['can', ...args, '--snapshot', file, '--format', 'json']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as {
      decision: string;
      principal: string;
      reasons: unknown[];
      note: string;
    };
    expect(answer.decision).toBe(decision);
    expect(answer.note).toContain(COVERAGE);
  });

  test('text lists every Deny checked; --expect turns a different decision into exit 1', async () => {
    const args = ['can', 'user/office', 'iam:CreateAccessKey', iamResource('user/dev'), '--snapshot', file];
    const text = await runCli(args);
    expect(text.stdout).toContain('DENIED: arn:aws:iam::123456789012:user/office iam:CreateAccessKey');
    expect(text.stdout).toContain(
      'Deny  identity inline policy keys of arn:aws:iam::123456789012:user/office, statement 1: always',
    );
    expect(text.stdout).toContain(COVERAGE);
    expect((await runCli([...args, '--expect', 'denied'])).code).toBe(0);
    expect((await runCli([...args, '--expect', 'allowed'])).code).toBe(1);
  });

  test('an unknown principal is exit 2 with a suggestion; an unknown action too', async () => {
    const unknown = await runCli(['can', 'user/devv', 's3:GetObject', '--snapshot', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no user or role user/devv in account 123456789012');
    expect(unknown.stderr).toContain('Did you mean');
    const action = await runCli(['can', 'user/dev', 's3:Nope', '--snapshot', file]);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain('unknown action s3:Nope');
  });
});

describe('iamspect paths', () => {
  test('the three-hop chain to full admin, as text and JSON', async () => {
    const text = await runCli(['paths', 'user/dev', '--to', 'admin', '--snapshot', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1. user dev -> role a -> role b -> role c  (full admin)');
    expect(text.stdout).toContain('sts:AssumeRole: trust policy of role/c, statement 0');
    const json = await runCli(['paths', 'user/dev', '--to', 'admin', '--snapshot', file, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as {
      paths: Array<{
        to: string;
        admin: boolean;
        hops: Array<{ from: string; to: string; method: string; actions: string[] }>;
      }>;
    };
    expect(parsed.paths).toHaveLength(1);
    expect(parsed.paths[0]!.admin).toBe(true);
    expect(parsed.paths[0]!.hops.map((h) => [h.to, h.method, h.actions])).toEqual(
      ['a', 'b', 'c'].map((name) => [
        iamResource(`role/${name}`),
        'assume-role-trusted-by-arn',
        ['sts:AssumeRole'],
      ]),
    );
  });

  test('dot and mermaid draw the edges', async () => {
    const dot = await runCli(['paths', 'user/dev', '--to', 'admin', '--snapshot', file, '--format', 'dot']);
    expect(dot.stdout).toContain('"role b" -> "role c" [label="assume-role-trusted-by-arn"];');
    const mermaid = await runCli([
      'paths',
      'user/dev',
      '--to',
      'admin',
      '--snapshot',
      file,
      '--format',
      'mermaid',
    ]);
    expect(mermaid.stdout).toContain('flowchart LR');
    expect(mermaid.stdout).toContain('-->|assume-role-trusted-by-arn|');
  });

  test('a principal with no path says so', async () => {
    const { code, stdout } = await runCli(['paths', 'role/c', '--snapshot', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('No escalation path from role/c.');
  });
});

describe('iamspect who-can', () => {
  test('direct and through a path, in JSON', async () => {
    const { code, stdout } = await runCli([
      'who-can',
      'iam:DeleteRole',
      '--snapshot',
      file,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as {
      principals: Array<{ arn: string; decision: string; path: unknown[] | null }>;
    };
    const byArn = Object.fromEntries(parsed.principals.map((p) => [p.arn, p]));
    expect(byArn[iamResource('role/c')]).toEqual({
      arn: iamResource('role/c'),
      decision: 'allowed',
      path: null,
    });
    expect(byArn[iamResource('user/dev')]!.path).toHaveLength(3);
    expect(byArn[iamResource('user/office')]).toBeUndefined();
  });

  test('text names the path', async () => {
    const { stdout } = await runCli(['who-can', 'iam:DeleteRole', '--snapshot', file]);
    expect(stdout).toContain(
      'allowed     user/dev  via role/a (assume-role-trusted-by-arn) -> role/b (assume-role-trusted-by-arn) -> role/c (assume-role-trusted-by-arn)',
    );
    expect(stdout).toContain(COVERAGE);
  });
});

/** A JSON report of principal-privilege-escalation on the account, written to a file. */
async function escalationReport(): Promise<{ reportFile: string; stdout: string }> {
  const args = ['audit', '--snapshot', file, '--format', 'json', '--rules', 'principal-privilege-escalation'];
  const { stdout } = await runCli(args);
  return { reportFile: join(tempDirWith({ 'report.json': stdout }), 'report.json'), stdout };
}

describe('iamspect explain', () => {
  test('by rule and resource: the message and the path hop by hop', async () => {
    const { code, stdout } = await runCli([
      'explain',
      '--rule',
      'principal-privilege-escalation',
      '--resource',
      iamResource('user/dev'),
      '--snapshot',
      file,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('User dev can reach full admin in 3 hops');
    expect(stdout).toContain('Path, hop by hop:');
    expect(stdout).toContain('role/b -> role/c  [assume-role-trusted-by-arn]');
  });

  test('by fingerprint from a JSON report', async () => {
    const { reportFile, stdout: reportText } = await escalationReport();
    const finding = (
      JSON.parse(reportText) as { findings: Array<{ fingerprint: string; resource: string }> }
    ).findings.find((f) => f.resource === iamResource('user/dev'))!;
    const { code, stdout } = await runCli([
      'explain',
      '--report',
      reportFile,
      '--fingerprint',
      finding.fingerprint,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(
      (JSON.parse(stdout) as { evidence: { path: { hops: unknown[] } } }).evidence.path.hops,
    ).toHaveLength(3);
  });

  test('a fingerprint the report does not hold is exit 2', async () => {
    const { reportFile } = await escalationReport();
    const { code, stderr } = await runCli(['explain', '--report', reportFile, '--fingerprint', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('no finding with fingerprint nope');
  });
});
