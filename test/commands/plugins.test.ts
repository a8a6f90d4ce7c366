// Plugins from --plugin and the config file's `plugins:`: their rules run like built-ins, and each
// way a plugin can be wrong is exit 2 with one line naming the plugin and the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION_NAMES } from '../../src/snapshot/schema.js';
import { runCliIn } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterAll(removeTempDirs);

const DOCS = "docs: { rationale: 'Why.', remediation: 'Fix.', references: [] }";
/** A rule of the demo account: every IAM user (the demo's all live under /). */
const USERS_RULE = `{
  id: 'user-path', title: 'IAM users live under /humans/ or /machines/', severity: 'medium',
  needs: ['authorizationDetails'], ${DOCS},
  check: ({ snapshot }) => snapshot.sections.authorizationDetails.data.users
    .filter((user) => !/^\\/(humans|machines)\\//.test(user.path))
    .map((user) => ({ resource: user.arn, message: user.name + ' is under ' + user.path + '.' })),
}`;

/** A directory holding an ES module plugin `plugin.js` (plus any other files). */
function pluginDir(source: string, files: Record<string, string> = {}): string {
  return tempDirWith({ 'package.json': '{ "type": "module" }', 'plugin.js': source, ...files });
}

describe('a bad plugin is exit 2 naming the plugin and the field', () => {
  const cases: Array<[string, string, string]> = [
    [
      'no name',
      `export default { rules: [${USERS_RULE}] };`,
      'plugin ./plugin.js: name: required, lower-case letters, digits and dashes (it prefixes the rule ids)',
    ],
    [
      'no rules',
      "export default { name: 'acme' };",
      'plugin ./plugin.js (acme): rules: required, a non-empty array of rules',
    ],
    [
      'a rule without id',
      `export default { name: 'acme', rules: [{ title: 't', severity: 'low', needs: [], ${DOCS}, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].id: required (a string)',
    ],
    [
      'a rule without title',
      `export default { name: 'acme', rules: [{ id: 'x', severity: 'low', needs: [], ${DOCS}, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].title: required (a string)',
    ],
    [
      'a rule without severity',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', needs: [], ${DOCS}, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].severity: required, one of critical, high, medium, low, info',
    ],
    [
      'a rule without needs',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', ${DOCS}, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].needs: required (the data sections the rule reads)',
    ],
    [
      'a rule without docs',
      "export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', needs: [], check: () => [] }] };",
      'plugin ./plugin.js (acme): rules[0].docs: required ({ rationale, remediation, references })',
    ],
    [
      'an invalid options schema',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', needs: [], ${DOCS}, options: { maxDays: 3 }, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].options: not a zod schema of an object (z.object({...}))',
    ],
    [
      'a duplicate id',
      `export default { name: 'acme', rules: [${USERS_RULE}, ${USERS_RULE}] };`,
      'plugin ./plugin.js (acme): rules[1].id: "acme/user-path" is defined twice',
    ],
    [
      'an unknown section in needs',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', needs: ['users'], ${DOCS}, check: () => [] }] };`,
      `plugin ./plugin.js (acme): rules[0].needs: "users" is not a data section (sections: ${SECTION_NAMES.join(', ')})`,
    ],
    [
      'an unknown section in alsoReads',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', needs: [], alsoReads: ['sso'], ${DOCS}, check: () => [] }] };`,
      `plugin ./plugin.js (acme): rules[0].alsoReads: "sso" is not a data section (sections: ${SECTION_NAMES.join(', ')})`,
    ],
    [
      'a docs url that is not http(s)',
      `export default { name: 'acme', rules: [{ id: 'x', title: 't', severity: 'low', needs: [], docs: { rationale: 'r', remediation: 'f', references: [], url: 'rules.md' }, check: () => [] }] };`,
      'plugin ./plugin.js (acme): rules[0].docs.url: "rules.md" is not an http(s) URL',
    ],
  ];
  test.each(cases)('%s', async (_name, source, message) => {
    const result = await runCliIn(pluginDir(source), ['audit', '--demo', '--plugin', './plugin.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`iamspect: error: ${message}\n`);
  });

  test('file not found', async () => {
    const dir = tempDirWith({});
    const result = await runCliIn(dir, ['audit', '--demo', '--plugin', './missing.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `iamspect: error: plugin ./missing.js: file not found (${join(dir, 'missing.js')})`,
    );
  });

  test('not an ES module', async () => {
    const dir = tempDirWith({ 'plugin.cjs': 'module.exports = {};' });
    const result = await runCliIn(dir, ['rules', '--plugin', './plugin.cjs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'iamspect: error: plugin ./plugin.cjs: not an ES module (name it .mjs, or put "type": "module" in the package.json beside it)',
    );
  });
});

describe('a plugin rule is treated like a built-in', () => {
  const plugin = `export default { name: 'acme', rules: [${USERS_RULE}] };`;

  test('it runs on the demo, namespaced, with its docs in the JSON report', async () => {
    const result = await runCliIn(pluginDir(plugin), [
      'audit',
      '--demo',
      '--plugin',
      './plugin.js',
      '--rules',
      'acme/user-path',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ ruleId: string }>;
      rules: Array<{ id: string; docs: unknown }>;
    };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['acme/user-path']));
    expect(report.rules).toEqual([
      expect.objectContaining({
        id: 'acme/user-path',
        docs: { rationale: 'Why.', remediation: 'Fix.', references: [] },
      }),
    ]);
  });

  test('loaded from the config file, with a severity override and a suppression', async () => {
    const dir = pluginDir(plugin, {
      '.iamspect.yml': [
        'plugins: [./plugin.js]',
        'rules:',
        '  acme/user-path: { severity: critical }',
        'suppressions:',
        '  - { rule: acme/user-path, resource: "arn:aws:iam::*:user/*", reason: moving them this quarter }',
      ].join('\n'),
    });
    const result = await runCliIn(dir, ['audit', '--demo', '--rules', 'acme/user-path', '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ severity: string; suppressed?: unknown }>;
    };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity === 'critical' && f.suppressed)).toBe(true);
  });

  test('a plugin rule that throws is a rule error naming the plugin (exit 3)', async () => {
    const throwing = `export default { name: 'acme', rules: [{ id: 'boom', title: 't', severity: 'low', needs: ['authorizationDetails'], ${DOCS}, check: () => { throw new Error('no tags here'); } }] };`;
    const result = await runCliIn(pluginDir(throwing), [
      'audit',
      '--demo',
      '--plugin',
      './plugin.js',
      '--rules',
      'acme/boom',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { ruleErrors: unknown[] };
    expect(report.ruleErrors).toEqual([
      expect.objectContaining({ ruleId: 'acme/boom', message: 'plugin acme: no tags here' }),
    ]);
  });

  test('`rules` lists and explains it', async () => {
    const dir = pluginDir(plugin);
    const listed = await runCliIn(dir, ['rules', '--plugin', './plugin.js', '--format', 'json']);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((r) => r.id)).toContain('acme/user-path');
    const explained = await runCliIn(dir, [
      'rules',
      '--plugin',
      './plugin.js',
      '--explain',
      'acme/user-path',
    ]);
    expect(explained.stdout).toContain('IAM users live under /humans/ or /machines/');
  });
});

describe('a plugin rule in SARIF, and wherever a rule id is checked', () => {
  const withUrl = USERS_RULE.replace(
    DOCS,
    "docs: { rationale: 'Why.', remediation: 'Fix.', references: [], url: 'https://acme.example/rules/user-path' }",
  );

  async function sarifRules(source: string) {
    const result = await runCliIn(pluginDir(source), [
      'audit',
      '--demo',
      '--plugin',
      './plugin.js',
      '--rules',
      'acme/user-path,root-mfa',
      '--format',
      'sarif',
    ]);
    const log = JSON.parse(result.stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; name: string; helpUri?: string }> } } }>;
    };
    return log.runs[0]!.tool.driver.rules;
  }

  test("helpUri is the plugin's docs url; built-in rules keep theirs", async () => {
    const rules = await sarifRules(`export default { name: 'acme', rules: [${withUrl}] };`);
    expect(rules.map(({ id, name, helpUri }) => ({ id, name, helpUri }))).toEqual([
      { id: 'acme/user-path', name: 'AcmeUserPath', helpUri: 'https://acme.example/rules/user-path' },
      {
        id: 'root-mfa',
        name: 'RootMfa',
        helpUri: 'https://github.com/iamspect/iamspect/blob/main/docs/rules.md#root-mfa',
      },
    ]);
  });

  test('without a docs url a plugin rule has no helpUri (the built-in catalogue does not list it)', async () => {
    const rules = await sarifRules(`export default { name: 'acme', rules: [${USERS_RULE}] };`);
    expect(rules.find((rule) => rule.id === 'acme/user-path')).not.toHaveProperty('helpUri');
  });

  test("suppress --rule takes a rule of the config file's plugins", async () => {
    const dir = pluginDir(`export default { name: 'acme', rules: [${USERS_RULE}] };`, {
      '.iamspect.yml': 'plugins: [./plugin.js]\n',
    });
    const args = ['--resource', 'arn:aws:iam::*:user/ci-deploy', '--reason', 'moving it this quarter'];
    const result = await runCliIn(dir, ['suppress', '--rule', 'acme/user-path', ...args]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, '.iamspect.yml'), 'utf8')).toContain('rule: acme/user-path');
    const unknown = await runCliIn(dir, ['suppress', '--rule', 'acme/nope', ...args]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rule: unknown rule id "acme/nope"');
  });
});
