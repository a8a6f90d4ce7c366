// ESM all the way: the package is "type": "module" and several dependencies (p-limit) ship only ESM,
// so Jest runs with --experimental-vm-modules and ts-jest emits ESM. Type checking is left to
// `npm run typecheck`: with isolatedModules in tsconfig.json ts-jest only transpiles, so tests stay fast.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    { ...common, displayName: 'live', testMatch: ['<rootDir>/test/**/*.live.ts'] },
  ],
};
