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
            {
              regex: '^(\\.\\./)+(engine|rules|report|commands|graph|template|cli)(/|\\.js$)',
              message:
                'A data section must not import engine, rules, report, commands, graph, template or cli: see "Sections" in docs/architecture.md.',
            },
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
);
