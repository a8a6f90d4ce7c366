import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeSnapshot } from '../src/snapshot/read-snapshot.js';
import { loadDemoSnapshot } from '../src/snapshot/demo.js';
import {
  activeKey,
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withFailedSection,
  withSection,
} from './builders/snapshot.js';
import { runCli } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'iamspect-cli-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Only root-access-keys (critical) fires on this snapshot, so tests control exactly what fails. */
const rootKeySnapshot = file(
  'root-key.json',
  serializeSnapshot(
    withSection(
      withCredentialReport(emptySnapshot(), [
        rootRow({ accessKeys: [activeKey(10, 1), activeKey(10)] }),
        userRow('alice'),
      ]),
      'accountSummary',
      { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 },
    ),
  ),
);
const deniedSnapshot = file(
  'denied.json',
  serializeSnapshot(
    withFailedSection(emptySnapshot(), 'credentialReport', 'denied', 'iam:GetCredentialReport'),
  ),
);

describe('exit codes', () => {
  test('0: the demo is a showcase, not a gate, even where a config file sets failOn', async () => {
    const result = await runCli(['audit', '--demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('root-access-keys');
    const strict = file('strict.yml', 'failOn: low\n');
    expect((await runCli(['audit', '--demo', '--config', strict])).code).toBe(0);
    expect((await runCli(['audit', '--demo', '--fail-on', 'high'])).code).toBe(1);
  });

  test('1: a finding at or above --fail-on', async () => {
    const result = await runCli(['audit', '--snapshot', rootKeySnapshot, '--rules', 'root-access-keys']);
    expect(result.code).toBe(1);
  });

  test('0: the same finding below --fail-on, or with --fail-on none', async () => {
    expect(
      (
        await runCli([
          'audit',
          '--snapshot',
          rootKeySnapshot,
          '--rules',
          'root-access-keys',
          '--fail-on',
          'none',
        ])
      ).code,
    ).toBe(0);
  });

  test('3: rules not evaluated because a section was denied; --allow-incomplete makes it 0', async () => {
    const result = await runCli([
      'audit',
      '--snapshot',
      deniedSnapshot,
      '--rules',
      'user-console-without-mfa',
    ]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('iam:GetCredentialReport');
    const allowed = await runCli([
      'audit',
      '--snapshot',
      deniedSnapshot,
      '--rules',
      'user-console-without-mfa',
      '--allow-incomplete',
    ]);
    expect(allowed.code).toBe(0);
  });

  test('2: an unknown flag', async () => {
    const result = await runCli(['audit', '--no-such-flag']);
    expect(result.code).toBe(2);
  });
});

describe('bad input: one line naming the file and the field, exit 2, no stack trace', () => {
  const newer = file(
    'newer.json',
    serializeSnapshot(emptySnapshot()).replace('"schemaVersion": 1', '"schemaVersion": 99'),
  );
  const truncated = file('truncated.json', serializeSnapshot(emptySnapshot()).slice(0, 80));
  const misspelt = file('misspelt.yml', 'failon: high\n');
  const noReason = file('no-reason.yml', 'suppressions:\n  - rule: root-mfa\n    resource: "*"\n');
  const badDate = file(
    'bad-date.yml',
    'suppressions:\n  - { rule: root-mfa, resource: "*", reason: x, expires: 2026-13-01 }\n',
  );
  const unknownRule = file('unknown-rule.yml', 'rules:\n  root-mfa-typo: { enabled: false }\n');

  test.each([
    [['audit', '--snapshot', join(dir, 'missing.json')], /missing\.json/],
    [['audit', '--snapshot', truncated], /truncated\.json.*(line|position)/i],
    [['audit', '--snapshot', newer], /newer\.json.*schemaVersion 99/i],
    [['audit', '--demo', '--config', misspelt], /misspelt\.yml: unknown key "failon"/],
    [['audit', '--demo', '--config', noReason], /no-reason\.yml: suppressions\[0\]\.reason/],
    [['audit', '--demo', '--config', badDate], /bad-date\.yml: suppressions\[0\]\.expires/],
    [
      ['audit', '--demo', '--config', unknownRule],
      /unknown-rule\.yml: rules\.root-mfa-typo: unknown rule id/,
    ],
    [['audit', '--demo', '--rules', 'root-mfa,nope'], /--rules: unknown rule id "nope"/],
    [['audit', '--demo', '--output', 'pdf=out.pdf'], /unknown format "pdf"/],
    [['audit', '--demo', '--snapshot', rootKeySnapshot], /cannot be used together/],
    [['audit', '--demo', '--profile', 'prod'], /--profile only applies to live collection, not to --demo/],
    [
      ['audit', '--snapshot', rootKeySnapshot, '--max-attempts', '3', '--region', 'eu-west-1'],
      /--region, --max-attempts only apply to live collection/,
    ],
    [['audit', '--demo', '--rules', ''], /no rules to run/],
    [['audit', '--demo', '--rules', 'root-mfa', '--exclude-rules', 'root-mfa'], /no rules to run/],
    [['audit', '--demo', '--rules', 'template-literal-password'], /no rules to run/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')[0]).toMatch(/^iamspect: error: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  test('--debug adds the stack trace', async () => {
    const result = await runCli(['audit', '--snapshot', truncated, '--debug']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

test('--output writes several formats at once, and stdout keeps --format', async () => {
  const json = join(dir, 'out.json');
  const sarif = join(dir, 'out.sarif');
  const result = await runCli([
    'audit',
    '--demo',
    '--format',
    'json',
    '--output',
    `json=${json}`,
    '--output',
    `sarif=${sarif}`,
  ]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
  expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(result.stdout));
  expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
});

test('the demo table tells the story the README promises', async () => {
  const result = await runCli(['audit', '--demo']);
  for (const id of [
    'root-access-keys',
    'root-recent-use',
    'root-hardware-mfa',
    'user-admin-without-mfa',
    'user-access-key-rotation',
    'user-multiple-active-keys',
    'password-policy-min-length',
    'user-shared-credentials',
  ]) {
    expect(result.stdout).toContain(id);
  }
  expect(result.stdout).toMatch(/user-unused-password|user-unused-access-key/);
  expect(loadDemoSnapshot().source.kind).toBe('demo');
});

test('iamspect rules lists every rule in each format', async () => {
  const table = await runCli(['rules']);
  expect(table.stdout).toContain('root-mfa');
  const json = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as Array<{ id: string }>;
  expect(json.map((r) => r.id)).toContain('password-policy-min-length');
  expect((await runCli(['rules', '--format', 'markdown'])).stdout).toContain('## root-mfa');
});

test('a --sarif-anchor that does not exist is a warning, not an error', async () => {
  const result = await runCli([
    'audit',
    '--demo',
    '--format',
    'sarif',
    '--sarif-anchor',
    join(dir, 'no-such-file.tf'),
  ]);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/warning: --sarif-anchor .*no-such-file\.tf does not exist/);
  const present = await runCli(['audit', '--demo', '--format', 'sarif', '--sarif-anchor', rootKeySnapshot]);
  expect(present.stderr).not.toContain('--sarif-anchor');
});

// A rule of the other command is named as such, not as a selection that "selects none".
describe('--rules naming only rules that the other command runs', () => {
  test.each([
    [
      ['audit', '--demo', '--rules', 'template-literal-password'],
      'iamspect: error: no rules to run: --rules template-literal-password: a template rule, run by `iamspect template`',
      'Run it with `iamspect template`, or choose rules this command runs (`iamspect rules` lists them).',
    ],
    [
      [
        'template',
        'fixtures/templates/seed/ec2-sample.yaml',
        '--rules',
        'root-mfa,password-policy-min-length',
      ],
      'iamspect: error: no rules to run: --rules root-mfa: not run on templates, it needs credentialReport, accountSummary, which a template does not have; ' +
        '--rules password-policy-min-length: not run on templates, it needs passwordPolicy, which a template does not have',
      'Run them with `iamspect audit`, or choose rules this command runs (`iamspect rules` lists them).',
    ],
  ])('%j', async (args, line, hint) => {
    const result = await runCli(args);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr.split('\n')).toEqual([line, `  ${hint}`, '']);
  });

  test('named with rules it does run: the others run, and a warning names the skipped one', async () => {
    const result = await runCli([
      'audit',
      '--demo',
      '--rules',
      'template-literal-password,root-mfa',
      '--format',
      'json',
    ]);
    expect(result.stderr).toContain(
      'iamspect: warning: --rules template-literal-password: a template rule, run by `iamspect template`.',
    );
    expect(JSON.parse(result.stdout).rules.map((rule: { id: string }) => rule.id)).toEqual(['root-mfa']);
  });
});
