// Kept equal to package.json's version by test/version.test.ts (reading package.json at run time
// would depend on where the compiled file sits).
export const TOOL = { name: 'iamspect', version: '0.1.0' } as const;
