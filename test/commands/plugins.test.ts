// Plugins from --plugin and the config file's `plugins:`: their rules run like built-ins, and each
// way a plugin can be wrong is exit 2 with one line naming the plugin and the field.
import { join } from 'node:path';
import { SECTION_NAMES } from '../../src/snapshot/schema.js';
import { runCli } from '../cli-harness.js';
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

async function runIn(dir: string, args: string[]) {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runCli(args);
  } finally {
    process.chdir(cwd);
  }
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
  ];
  test.each(cases)('%s', async (_name, source, message) => {
    const result = await runIn(pluginDir(source), ['audit', '--demo', '--plugin', './plugin.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`iamspect: error: ${message}\n`);
  });

  test('file not found', async () => {
    const dir = tempDirWith({});
    const result = await runIn(dir, ['audit', '--demo', '--plugin', './missing.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `iamspect: error: plugin ./missing.js: file not found (${join(dir, 'missing.js')})`,
    );
  });

  test('not an ES module', async () => {
    const dir = tempDirWith({ 'plugin.cjs': 'module.exports = {};' });
    const result = await runIn(dir, ['rules', '--plugin', './plugin.cjs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'iamspect: error: plugin ./plugin.cjs: not an ES module (name it .mjs, or put "type": "module" in the package.json beside it)',
    );
  });
});

describe('a plugin rule is treated like a built-in', () => {
  const plugin = `export default { name: 'acme', rules: [${USERS_RULE}] };`;

  test('it runs on the demo, namespaced, with its docs in the JSON report', async () => {
    const result = await runIn(pluginDir(plugin), [
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
    const result = await runIn(dir, ['audit', '--demo', '--rules', 'acme/user-path', '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ severity: string; suppressed?: unknown }>;
    };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity === 'critical' && f.suppressed)).toBe(true);
  });

  test('a plugin rule that throws is a rule error naming the plugin (exit 3)', async () => {
    const throwing = `export default { name: 'acme', rules: [{ id: 'boom', title: 't', severity: 'low', needs: ['authorizationDetails'], ${DOCS}, check: () => { throw new Error('no tags here'); } }] };`;
    const result = await runIn(pluginDir(throwing), [
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
    const listed = await runIn(dir, ['rules', '--plugin', './plugin.js', '--format', 'json']);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((r) => r.id)).toContain('acme/user-path');
    const explained = await runIn(dir, ['rules', '--plugin', './plugin.js', '--explain', 'acme/user-path']);
    expect(explained.stdout).toContain('IAM users live under /humans/ or /machines/');
  });
});
