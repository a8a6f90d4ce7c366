// ESM all the way: the package is "type": "module" and several dependencies (p-limit) ship only ESM,
// so Jest runs with --experimental-vm-modules and ts-jest emits ESM. Type checking is left to
// `npm run typecheck`: with isolatedModules in tsconfig.json ts-jest only transpiles, so tests stay fast.
// A plugin's `import ... from 'iamspect'` (examples/, the new-rule scaffold) reads the public API's
// sources, so a plugin runs in the tests without a build or an install.
// The live suite (test/**/*.live.ts, `npm run test:live`) has its own config, jest.live.config.js.
export default {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^iamspect$': '<rootDir>/src/api/index.ts',
    '^iamspect/testing$': '<rootDir>/src/api/testing.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
