import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layers of docs/architecture.md: an import may only point down. Relative paths only, so a
  // pattern names the folder a file reaches up into.
  {
    files: ['src/snapshot/**', 'src/template/**', 'src/policy/**', 'src/graph/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [layer(['engine', 'rules', 'report', 'commands'], 'data and policy analysis')],
        },
      ],
    },
  },
  {
    // Collect's own entry repeats the shared pattern: a later entry replaces a rule's options.
    files: ['src/collect/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'commander',
              message:
                'Collectors take plain options; the flags are declared in src/commands/collection-flags.ts.',
            },
          ],
          patterns: [layer(['engine', 'rules', 'report', 'commands'], 'data and policy analysis')],
        },
      ],
    },
  },
  // A data section (src/sections/) sits with the snapshot, below the engine, rules, reports and
  // commands: it may import the snapshot's building blocks, policy documents and the collectors'
  // SDK-free helpers, never a layer above it. And it is loaded by every command (the snapshot schema
  // is made from it), so it imports no AWS SDK package and none of the collect modules that load
  // one, except as types: its collector loads its SDK commands with await import() when it runs.
  {
    files: ['src/sections/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'commander', message: 'Sections take plain values; flags belong to src/commands.' },
          ],
          patterns: [
            layer(['engine', 'rules', 'report', 'commands', 'graph', 'template', 'cli'], 'a data section'),
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@aws-sdk/*',
                '**/collect/clients.js',
                '**/collect/index.js',
                '**/collect/org.js',
                '**/collect/credentials.js',
              ],
              allowTypeImports: true,
              message:
                'Offline commands load the sections: import SDK commands with await import() inside the collector (see src/sections/section.ts), other SDK modules as types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['engine', 'commands'], 'the report model and its outputs')] },
      ],
    },
  },
);

/** A no-restricted-imports pattern refusing relative imports of the `folders` under src/. */
function layer(folders, what) {
  return {
    regex: `^(\\.\\./)+(${folders.join('|')})(/|\\.js$)`,
    message: `${what} must not import ${folders.join(', ')}: see the layers in docs/architecture.md.`,
  };
}
