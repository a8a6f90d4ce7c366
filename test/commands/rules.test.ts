// `iamspect rules --explain ID`: one rule's whole documentation, where an installed package has no
// docs/ folder to read it in; and the hint that sends people there from a bad option.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleOptions } from '../../src/rules/catalogue.js';
import { findRule } from '../../src/rules/index.js';
import { useTempDir } from '../builders/temp-dir.js';
import { runCli } from '../cli-harness.js';

const dir = useTempDir('iamspect-rules-');

/** Whitespace-insensitive: the explanation is wrapped to the terminal, the metadata is not. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

test('--explain prints the title, severity, data needs, options with defaults, why, fix and references', async () => {
  const rule = findRule('user-unused-access-key')!;
  const { code, stdout } = await runCli(['rules', '--explain', rule.id]);
  expect(code).toBe(0);
  const text = flat(stdout);
  expect(text).toContain(`${rule.id}: ${rule.title}`);
  expect(text).toContain(`Severity: ${rule.severity}`);
  expect(text).toContain('Runs by default: yes');
  expect(text).toContain(`Reads: ${rule.needs.join(', ')}`);
  expect(text).toContain('Options (under rules.user-unused-access-key.options in .iamspect.yml)');
  for (const option of ruleOptions(rule)) {
    expect(text).toContain(
      `${option.name} (${option.type}, default ${JSON.stringify(option.default)}): ${option.description}`,
    );
  }
  expect(text).toContain(flat(rule.docs.rationale.trim()));
  expect(text).toContain(flat(rule.docs.remediation.trim()));
  // A link longer than the line is broken after a `/` or `-`, like a path.
  for (const reference of rule.docs.references) expect(stdout.replace(/\s+/g, '')).toContain(reference);
});

test('--explain names the sections a rule reads only when its needs leave the answer open', async () => {
  const { stdout } = await runCli(['rules', '--explain', 'identity-federation-missing']);
  expect(flat(stdout)).toContain(
    'Also reads, when those leave the answer open: identityCenterInstances (what it could not read there is named as not evaluated)',
  );
});

test('--explain says when a rule is off by default and has no options', async () => {
  const rule = findRule('inline-policy-on-group-or-role')!;
  expect(rule.enabledByDefault).toBe(false);
  expect(ruleOptions(rule)).toEqual([]);
  const text = flat((await runCli(['rules', '--explain', rule.id])).stdout);
  expect(text).toContain('Runs by default: no (enable it in the config file, or name it with --rules)');
  expect(text).toContain('Options: none');
});

test.each([
  ['a typo gets the closest rule id', 'user-unused-acess-key', 'Did you mean user-unused-access-key? '],
  ['a name like no rule gets the list', 'xyz', ''],
])('--explain with an unknown id exits 2: %s', async (_name, id, suggestion) => {
  const { code, stdout, stderr } = await runCli(['rules', '--explain', id]);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe(
    `iamspect: error: --explain: unknown rule id "${id}"\n` +
      `  ${suggestion}Run \`iamspect rules\` to list the rule ids.\n`,
  );
});

test('--explain prints text, so it refuses --format instead of ignoring it', async () => {
  const { code, stderr } = await runCli(['rules', '--explain', 'root-mfa', '--format', 'json']);
  expect(code).toBe(2);
  expect(stderr).toMatch(/--explain.*cannot be used with option '-f, --format/);
});

test('a bad rule option in the config points at --explain for that rule', async () => {
  const config = join(dir(), 'bad-option.yml');
  writeFileSync(config, 'rules:\n  user-unused-access-key:\n    options:\n      maxUnusedDays: soon\n');
  const { code, stderr } = await runCli(['audit', '--demo', '--config', config]);
  expect(code).toBe(2);
  expect(stderr).toContain(
    'Run `iamspect rules --explain user-unused-access-key` for the options and their defaults.',
  );
  const explained = await runCli(['rules', '--explain', 'user-unused-access-key']);
  expect(explained.code).toBe(0);
});
