// `iamspect explain --rule ID` for a plugin's rule (examples/acme-rules), the way the built-in rules
// are explained: alone, the rule's documentation; with --resource, the finding the rule makes there.
// An id no loaded rule has is exit 2 naming the id and the command that lists the ids.
// With --resource, explain answers what audit reports with the same config and source.
import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli, runCliIn } from '../cli-harness.js';

afterAll(removeTempDirs);

const PLUGIN = join(packageRoot(), 'examples', 'acme-rules', 'index.js');
const RULE = 'acme/iam-user-path';
const DOCS_URL =
  'https://github.com/iamspect/iamspect/blob/main/examples/acme-rules/README.md#acmeiam-user-path';
const ADMIN = 'arn:aws:iam::493812605177:user/admin';

/** The text with its line breaks and indentation folded, so a wrapped sentence still matches. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('explain --rule with a plugin rule', () => {
  test("alone: the rule's title, severity, what it reads, why, fix and docs url", async () => {
    const { code, stdout } = await runCli(['explain', '--rule', RULE, '--plugin', PLUGIN]);
    expect(code).toBe(0);
    const text = flat(stdout);
    expect(text).toContain(`${RULE}: IAM users live under /humans/ or /machines/`);
    expect(text).toContain('Severity: medium');
    expect(text).toContain('Reads: authorizationDetails');
    expect(text).toContain('is reviewed by nobody and matched by no guard rail');
    expect(text).toContain('aws iam update-user');
    expect(text).toContain(`Documentation: ${DOCS_URL}`);
  });

  test('with --resource: the finding the rule makes on it', async () => {
    const { code, stdout, stderr } = await runCli([
      'explain',
      '--rule',
      RULE,
      '--resource',
      ADMIN,
      '--demo',
      '--plugin',
      PLUGIN,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${RULE} on ${ADMIN}`);
    expect(stdout).toContain('admin is under / (allowed: /humans/, /machines/).');
    // The plugin's evidence `path` is an IAM path, not an access-graph path to print hop by hop.
    expect(stdout).toContain('Evidence: {"path":"/"}');
  });

  test('alone with --format json: exit 2 pointing at the JSON catalogue, not text passed off as JSON', async () => {
    const { code, stdout, stderr } = await runCli([
      'explain',
      '--rule',
      RULE,
      '--plugin',
      PLUGIN,
      '--format',
      'json',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('iamspect rules --format json');
  });

  test("a plugin named by the config file's plugins: is loaded too", async () => {
    const dir = tempDirWith({ '.iamspect.yml': `plugins: [${JSON.stringify(PLUGIN)}]` });
    const { code, stdout } = await runCliIn(dir, ['explain', '--rule', RULE]);
    expect(code).toBe(0);
    expect(stdout).toContain('Severity: medium');
  });
});

describe('an unknown rule id is exit 2 with one line naming it and how to list the ids', () => {
  test.each([
    ['without plugins', ['explain', '--rule', 'acme/nope'], 'Run `iamspect rules` to list the rule ids.'],
    [
      'with --plugin',
      ['explain', '--rule', 'acme/nope', '--resource', ADMIN, '--demo', '--plugin', PLUGIN],
      'Run `iamspect rules --plugin FILE` with the same plugins to list the rule ids.',
    ],
  ])('%s', async (_name, args, hint) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`iamspect: error: unknown rule id "acme/nope"\n  ${hint}\n`);
  });
});

/**
 * `explain --rule ID --resource ARN` must answer what `audit` reports with the same config and
 * source: the rule's options, severity and enablement from the config file, and its suppressions.
 */
describe('explain --rule --resource agrees with audit on the same config', () => {
  const J_MORRISON = 'arn:aws:iam::493812605177:user/j.morrison';
  const LOG_BUCKET = 'arn:aws:s3:::northwind-logs';
  type Verdict = 'finding' | 'suppressed' | 'none' | 'not run';
  const explainOnDemo = (rule: string, resource: string) => [
    'explain',
    '--rule',
    rule,
    '--resource',
    resource,
    '--demo',
  ];

  /** What audit --format json says of the rule on the resource. */
  function auditVerdict(stdout: string, rule: string, resource: string): Verdict {
    const report = JSON.parse(stdout) as {
      rules: Array<{ id: string }>;
      findings: Array<{ ruleId: string; resource: string; suppressed?: unknown }>;
    };
    if (!report.rules.some((r) => r.id === rule)) return 'not run';
    const finding = report.findings.find((f) => f.ruleId === rule && f.resource === resource);
    if (!finding) return 'none';
    return finding.suppressed ? 'suppressed' : 'finding';
  }

  /** What explain --format json says of it: exit 2 "does not fire" is none. */
  function explainVerdict({
    code,
    stdout,
    stderr,
  }: {
    code: number;
    stdout: string;
    stderr: string;
  }): Verdict {
    if (code === 2 && stderr.includes('does not fire')) return 'none';
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { suppressed?: unknown; notRunByAudit?: string };
    if (answer.notRunByAudit) return 'not run';
    return answer.suppressed ? 'suppressed' : 'finding';
  }

  test.each<[string, string, string, string, Verdict]>([
    [
      'default allBuckets (false): a bucket without a website is out of scope',
      's3-bucket-access-logging',
      LOG_BUCKET,
      '',
      'none',
    ],
    [
      'allBuckets: true judges every bucket',
      's3-bucket-access-logging',
      LOG_BUCKET,
      'rules: { s3-bucket-access-logging: { options: { allBuckets: true } } }',
      'finding',
    ],
    [
      'default maxUnusedDays (45): a key unused 248 days',
      'user-unused-access-key',
      J_MORRISON,
      '',
      'finding',
    ],
    [
      'maxUnusedDays: 247, one day under the key',
      'user-unused-access-key',
      J_MORRISON,
      'rules: { user-unused-access-key: { options: { maxUnusedDays: 247 } } }',
      'finding',
    ],
    [
      'maxUnusedDays: 248, the key exactly at the limit',
      'user-unused-access-key',
      J_MORRISON,
      'rules: { user-unused-access-key: { options: { maxUnusedDays: 248 } } }',
      'none',
    ],
    [
      'a suppression of the finding',
      'user-unused-access-key',
      J_MORRISON,
      `suppressions: [{ rule: user-unused-access-key, resource: "arn:aws:iam::*:user/j.*", reason: leaving in May }]`,
      'suppressed',
    ],
    [
      'a finding another rule supersedes: reported by user-admin-without-mfa',
      'user-console-without-mfa',
      ADMIN,
      '',
      'none',
    ],
    [
      'the superseding rule disabled: the finding stays',
      'user-console-without-mfa',
      ADMIN,
      'rules: { user-admin-without-mfa: { enabled: false } }',
      'finding',
    ],
    [
      'the rule disabled',
      'user-unused-access-key',
      J_MORRISON,
      'rules: { user-unused-access-key: { enabled: false } }',
      'not run',
    ],
  ])('%s', async (_name, rule, resource, config, verdict) => {
    const dir = tempDirWith({ '.iamspect.yml': config });
    const audit = await runCliIn(dir, ['audit', '--demo', '--format', 'json']);
    const explain = await runCliIn(dir, [...explainOnDemo(rule, resource), '--format', 'json']);
    expect(auditVerdict(audit.stdout, rule, resource)).toBe(verdict);
    expect(explainVerdict(explain)).toBe(verdict);
  });

  test('--config FILE: its severity and its suppression, named in the text', async () => {
    const dir = tempDirWith({
      'team.yml': [
        'rules: { user-unused-access-key: { severity: high } }',
        'suppressions:',
        '  - { rule: user-unused-access-key, resource: "arn:aws:iam::*:user/j.*", reason: leaving in May, expires: "2099-05-31" }',
      ].join('\n'),
    });
    const args = explainOnDemo('user-unused-access-key', J_MORRISON);
    const text = await runCli([...args, '--config', join(dir, 'team.yml')]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Suppressed by the config file (arn:aws:iam::*:user/j.*, until 2099-05-31): leaving in May',
    );
    const json = await runCli([...args, '--config', join(dir, 'team.yml'), '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      severity: 'high',
      suppressed: { reason: 'leaving in May', resource: 'arn:aws:iam::*:user/j.*', expires: '2099-05-31' },
    });
  });

  test('a rule the config disables: the finding, and that audit does not run the rule', async () => {
    const dir = tempDirWith({ '.iamspect.yml': 'rules: { user-unused-access-key: { enabled: false } }' });
    const { code, stdout } = await runCliIn(dir, explainOnDemo('user-unused-access-key', J_MORRISON));
    expect(code).toBe(0);
    expect(stdout).toContain('unused for 248 days');
    expect(flat(stdout)).toContain('Not reported by audit: the config file disables this rule');
  });

  test('a superseded finding names the rule that reports it', async () => {
    const { code, stdout, stderr } = await runCli(explainOnDemo('user-console-without-mfa', ADMIN));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `iamspect: error: user-console-without-mfa does not fire on ${ADMIN} in the report: user-admin-without-mfa reports the same problem there and supersedes it\n` +
        `  Run iamspect explain --rule user-admin-without-mfa --resource ${ADMIN}.\n`,
    );
  });
});
