// What every fuzz case must hold, checked through the real CLI in-process, and the figures the
// suite reports about itself (docs/reliability.md, `npm run reliability:figures`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { packageRoot } from '../../src/util/package-root.js';
import { runCli } from '../cli-harness.js';
import type { Mutation } from './mutators.js';

/** Where each fuzz file writes its figures; test-artifacts/ is not committed. */
export const FIGURES_DIR = join(packageRoot(), 'test-artifacts', 'fuzz');

/** A line of a JavaScript stack trace, as Node prints it. */
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

export interface FuzzProperty {
  /** Shown in the figures: `get-account-authorization-details.json`, `config file`, ... */
  name: string;
  seed: number;
  numRuns: number;
  /** fast-check stops generating cases after this long; the cases run so far must all have held. */
  timeLimitMs: number;
}

interface PropertyFigures {
  name: string;
  seed: number;
  numRuns: number;
  timeLimitMs: number;
  cases: number;
  elapsedMs: number;
  /** Cases by what the mutation did, then by exit code. */
  outcomes: Record<string, Record<string, number>>;
}

/** What the unmutated input gives: `args` must print a report on stdout, and exit 0. */
export interface Baseline {
  args: string[];
  stdout: string;
}

export async function baselineOf(args: string[]): Promise<Baseline> {
  const { code, stdout, stderr } = await runCli(args);
  if (code !== 0)
    throw new Error(`the unmutated input must pass for the oracle to mean anything: exit ${code}: ${stderr}`);
  return { args, stdout };
}

/**
 * Runs the baseline's arguments (which read the mutated file) and checks the promise: an exit code
 * of 0-3, never an internal error or a stack trace, never exit 0 when the mutation broke the
 * input's structure, and exit 0 after garbling it only with the unmutated input's very report.
 */
export async function expectNoSilentPass(
  baseline: Baseline,
  mutation: Mutation,
  figures?: PropertyFigures,
): Promise<void> {
  const { code, stdout, stderr } = await runCli(baseline.args);
  if (figures) {
    figures.cases++;
    const byCode = (figures.outcomes[`${mutation.effect}/${mutation.kind}`] ??= {});
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  const context = `${mutation.what}: exit ${code}, stderr: ${stderr.slice(0, 600)}`;
  if (![0, 1, 2, 3].includes(code)) throw new Error(`exit code out of range: ${context}`);
  if (/internal error/i.test(stderr) || STACK_LINE.test(stderr))
    throw new Error(`internal error: ${context}`);
  if (mutation.effect === 'breaks' && code === 0)
    throw new Error(`broken input audited as a pass: ${context}`);
  if (mutation.effect === 'garbles' && code === 0 && stdout !== baseline.stdout) {
    throw new Error(`garbled input audited as a pass with a different report: ${context}`);
  }
}

/**
 * Checks `check` on `property.numRuns` mutations (fewer when the time limit comes first), from a
 * fixed seed so a failure is reproducible (fast-check prints the seed and the shrunk mutation).
 * Writes the figures of every property of `suite` to FIGURES_DIR/<suite>.json.
 */
export class FuzzSuite {
  private readonly properties: PropertyFigures[] = [];

  constructor(private readonly suite: string) {}

  async check<T>(
    property: FuzzProperty,
    cases: fc.Arbitrary<T>,
    check: (value: T, figures: PropertyFigures) => Promise<void>,
  ): Promise<void> {
    // Another seed explores other cases: IAMSPECT_FUZZ_SEED=7 npm test -- test/fuzz
    const seed = Number(process.env.IAMSPECT_FUZZ_SEED ?? property.seed);
    const figures: PropertyFigures = { ...property, seed, cases: 0, elapsedMs: 0, outcomes: {} };
    const started = Date.now();
    try {
      await fc.assert(
        fc.asyncProperty(cases, (value) => check(value, figures)),
        { seed, numRuns: property.numRuns, interruptAfterTimeLimit: property.timeLimitMs },
      );
    } finally {
      figures.elapsedMs = Date.now() - started;
      this.properties.push(figures);
    }
  }

  writeFigures(): void {
    mkdirSync(FIGURES_DIR, { recursive: true });
    writeFileSync(
      join(FIGURES_DIR, `${this.suite}.json`),
      `${JSON.stringify({ suite: this.suite, properties: this.properties }, null, 2)}\n`,
    );
  }
}
