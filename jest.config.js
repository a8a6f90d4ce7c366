// ESM all the way: the package is "type": "module" and several dependencies (p-limit) ship only ESM,
// so Jest runs with --experimental-vm-modules and ts-jest emits ESM. Type checking is left to
// `npm run typecheck`: with isolatedModules in tsconfig.json ts-jest only transpiles, so tests stay fast.
// A plugin's `import ... from 'iamspect'` (examples/, the new-rule scaffold) reads the public API's
// sources, so a plugin runs in the tests without a build or an install.
// Collection tests talk HTTP to the fake endpoint for every section in every region, with real SDK
// retries and backoff: a whole collection takes a second alone and several on two shared, busy
// cores. 30 s still catches a hang, without failing a slow machine.
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
  testTimeout: 30_000,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
