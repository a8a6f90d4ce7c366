// Start-up loads only what the command line needs (issue 11): a command's module brings the rules,
// the report formats, the template parsers or the access graph with it, so `--version` loads none
// and a command loads its own only. Every command module is replaced by a stand-in that records
// its loading and registers an empty command of its name. A module loads once per process, so
// each test checks what its command line added to the modules loaded before it.
import { expect, jest, test } from '@jest/globals';
import type { Command } from 'commander';

const COMMAND_MODULES = [
  'audit',
  'can',
  'collect',
  'diff',
  'explain',
  'merge',
  'new-rule',
  'paths',
  'permissions',
  'rules',
  'suppress',
  'template',
  'who-can',
];

/** `who-can` -> `registerWhoCan`, the function each command module exports. */
function registerName(command: string): string {
  return `register${command.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
}

const loaded = new Set<string>();
for (const name of COMMAND_MODULES) {
  jest.unstable_mockModule(`../src/commands/${name}.js`, () => {
    loaded.add(name);
    return { [registerName(name)]: (program: Command) => program.command(name) };
  });
}

const { main } = await import('../src/cli.js');
const { captureOutput } = await import('./builders/output.js');

async function loadedBy(args: string[]): Promise<string[]> {
  const before = new Set(loaded);
  const output = captureOutput();
  try {
    await main(args);
  } finally {
    output.restore();
  }
  return [...loaded].filter((name) => !before.has(name)).sort();
}

test('--version loads no command module', async () => {
  const output = captureOutput();
  let code: number;
  try {
    code = await main(['--version']);
  } finally {
    output.restore();
  }
  expect({ code, stdout: output.stdout, loaded: [...loaded] }).toEqual({
    code: 0,
    stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
    loaded: [],
  });
});

test('a command loads its own module only', async () => {
  expect(await loadedBy(['audit', '--demo'])).toEqual(['audit']);
  expect(await loadedBy(['--debug', 'who-can', 's3:GetObject', '--demo'])).toEqual(['who-can']);
});

test('--help loads every command module: the help lists them all', async () => {
  await loadedBy(['--help']);
  expect([...loaded].sort()).toEqual(COMMAND_MODULES);
});
