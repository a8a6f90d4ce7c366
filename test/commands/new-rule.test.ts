// `iamspect new-rule`: the scaffold compiles, its test runs and fails until every TODO is filled
// in, a plugin's index lists the new rule, and a bad id or an existing file is exit 2 saying why.
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { packageRoot } from '../../src/util/package-root.js';
import { captureNodeTests, runRecorded } from '../builders/node-test.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli, runCliIn } from '../cli-harness.js';

captureNodeTests();

afterAll(removeTempDirs);

const PLUGIN_INDEX = [
  "import { other } from './rules/other.js';",
  '',
  "export default { name: 'acme', rules: [other] };",
  '',
].join('\n');
const OTHER_RULE = [
  "import { defineRule } from 'iamspect';",
  "export const other = defineRule({ id: 'other', title: 'Other', severity: 'low', needs: [],",
  "  docs: { rationale: 'r', remediation: 'f', references: [] }, frameworks: {}, check: () => [] });",
].join('\n');

/** A plugin with one rule, and zod installed beside it (iamspect itself is mapped by jest.config.js). */
function pluginDir(): string {
  const dir = tempDirWith({ 'package.json': '{ "type": "module" }', 'index.js': PLUGIN_INDEX });
  mkdirSync(join(dir, 'rules'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(packageRoot(), 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
  writeFileSync(join(dir, 'rules', 'other.js'), OTHER_RULE);
  return dir;
}

describe('new-rule --plugin DIR', () => {
  test('writes the rule and its test, and adds the rule to the index', async () => {
    const dir = pluginDir();
    const result = await runCliIn(dir, ['new-rule', 'user-path', '--plugin', '.']);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'created rules/user-path.js',
        'created test/user-path.test.js',
        'added userPath to the rules of index.js',
        'Next: fill in every TODO (the test fails until none is left), then:',
        '  node --test (in the plugin directory; iamspect and zod installed)',
        '',
      ].join('\n'),
    });
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe(
      [
        "import { other } from './rules/other.js';",
        "import { userPath } from './rules/user-path.js';",
        '',
        "export default { name: 'acme', rules: [other, userPath] };",
        '',
      ].join('\n'),
    );
    // The plugin loads with the scaffolded rule: its metadata passes the plugin checks.
    const listed = await runCliIn(dir, ['rules', '--plugin', './index.js', '--format', 'json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((r) => r.id)).toEqual(
      expect.arrayContaining(['acme/other', 'acme/user-path']),
    );
  });

  test('the scaffold test runs and fails, naming what to fill in', async () => {
    const dir = pluginDir();
    await runCliIn(dir, ['new-rule', 'user-path', '--plugin', '.']);
    await import(pathToFileURL(join(dir, 'test', 'user-path.test.js')).href);
    const results = await runRecorded();
    expect(Object.keys(results)).toEqual([
      'user-path: its title and docs are written',
      'user-path valid: alice breaks nothing',
      'user-path invalid: bob is reported',
    ]);
    expect(results['user-path: its title and docs are written']).toContain('TODO: what a compliant account');
    expect(results['user-path valid: alice breaks nothing']).toBe('pass');
    expect(results['user-path invalid: bob is reported']).toContain('TODO: the exact message');
  });

  test('an index without imports gets the first one, set apart by a blank line', async () => {
    const dir = tempDirWith({ 'index.js': "export default {\n  name: 'acme',\n  rules: [],\n};\n" });
    expect((await runCliIn(dir, ['new-rule', 'user-path', '--plugin', '.'])).code).toBe(0);
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe(
      "import { userPath } from './rules/user-path.js';\n\nexport default {\n  name: 'acme',\n  rules: [userPath],\n};\n",
    );
  });

  test('an index without a rules list is left alone, and the output says to add the rule', async () => {
    const dir = tempDirWith({ 'index.js': 'export { default } from "./plugin.js";\n' });
    const result = await runCliIn(dir, ['new-rule', 'user-path', '--plugin', '.']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  add userPath to your plugin's rules list\n");
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe('export { default } from "./plugin.js";\n');
  });
});

/** A directory laid out like the repository, with two rule areas. */
function repositoryDir(): string {
  const dir = tempDirWith({ 'package.json': '{ "name": "iamspect" }' });
  for (const area of ['users', 'policy']) {
    mkdirSync(join(dir, 'src', 'rules', area), { recursive: true });
    writeFileSync(join(dir, 'src', 'rules', area, 'index.ts'), '');
  }
  return dir;
}

/** Type errors of files placed at `files`' paths inside the real repository (nothing is written). */
function typeErrors(files: Record<string, string>): string[] {
  const root = packageRoot();
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  const virtual = new Map(Object.entries(files).map(([path, text]) => [join(root, path), text]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path) ?? readFile.call(host, path);
  const program = ts.createProgram([...virtual.keys()], config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('new-rule in the repository (a built-in rule)', () => {
  test('writes src/rules/<area>/ID.ts and its Jest test, which compile against the repository', async () => {
    const dir = repositoryDir();
    const result = await runCliIn(dir, ['new-rule', 'user-path', '--area', 'users']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'created src/rules/users/user-path.ts\ncreated test/rules/users/user-path.test.ts\n',
    );
    expect(result.stdout).toContain('  add userPath to the list in src/rules/users/index.ts\n');
    const files = Object.fromEntries(
      ['src/rules/users/user-path.ts', 'test/rules/users/user-path.test.ts'].map((path) => [
        path,
        readFileSync(join(dir, path), 'utf8'),
      ]),
    );
    expect(files['src/rules/users/user-path.ts']).toContain("title: 'TODO:");
    expect(typeErrors(files)).toEqual([]);
  }, 120_000);

  test.each([
    [['new-rule', 'user-path'], '--area: required for a built-in rule', 'The areas: policy and users.'],
    [
      ['new-rule', 'user-path', '--area', 'iam'],
      '--area: "iam" is not a rule area',
      'The areas: policy and users.',
    ],
    [['new-rule', 'root-mfa', '--area', 'users'], 'ID: "root-mfa" is already a built-in rule', undefined],
  ])('%j is exit 2: %s', async (args, message, hint) => {
    const result = await runCliIn(repositoryDir(), args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`iamspect: error: ${message}\n${hint ? `  ${hint}\n` : ''}`);
  });

  test('outside the repository, without --plugin, it says to give the plugin directory', async () => {
    const result = await runCliIn(tempDirWith({}), ['new-rule', 'user-path', '--area', 'users']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'iamspect: error: new-rule without --plugin writes a built-in rule, so it runs in the iamspect repository\n' +
        '  For a rule of your own, give the plugin directory: iamspect new-rule ID --plugin DIR\n',
    );
  });
});

describe('new-rule refuses', () => {
  test.each([
    [
      'User_Path',
      'ID: "User_Path" is not a rule id: lower-case words joined by dashes, starting with a letter (e.g. user-path)',
    ],
    [
      'user--path',
      'ID: "user--path" is not a rule id: lower-case words joined by dashes, starting with a letter (e.g. user-path)',
    ],
    [
      '1-path',
      'ID: "1-path" is not a rule id: lower-case words joined by dashes, starting with a letter (e.g. user-path)',
    ],
    [
      'acme/user-path',
      'ID: "acme/user-path" names a plugin: give the rule\'s own id (user-path), the plugin\'s name is added to it',
    ],
  ])('the id %s (exit 2)', async (id, message) => {
    const dir = pluginDir();
    const result = await runCliIn(dir, ['new-rule', id, '--plugin', '.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`iamspect: error: ${message}\n`);
    expect(existsSync(join(dir, 'test'))).toBe(false);
  });

  test('an existing file, leaving every file as it was (exit 2)', async () => {
    const dir = pluginDir();
    writeFileSync(join(dir, 'rules', 'user-path.js'), 'mine');
    const result = await runCliIn(dir, ['new-rule', 'user-path', '--plugin', '.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'iamspect: error: rules/user-path.js: already exists; new-rule never overwrites a file\n',
    );
    expect(readFileSync(join(dir, 'rules', 'user-path.js'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe(PLUGIN_INDEX);
    expect(existsSync(join(dir, 'test'))).toBe(false);
  });
});

test('--help teaches both kinds of rule and where the walk-through is', async () => {
  const result = await runCli(['new-rule', '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('iamspect new-rule user-path --plugin ./acme-rules');
  expect(result.stdout).toContain('iamspect new-rule user-path --area users');
  expect(result.stdout).toContain('docs/plugins.md');
  expect(result.stdout).toContain('The test fails until every TODO is filled in.');
});
