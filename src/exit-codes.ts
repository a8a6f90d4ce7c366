// The exit codes, the CI contract (how a report decides one: exitCodeFor in engine.ts). In a module
// of their own so that the CLI's entry point can name them without loading the engine.
export const EXIT = { clean: 0, findings: 1, cannotRun: 2, incomplete: 3 } as const;
