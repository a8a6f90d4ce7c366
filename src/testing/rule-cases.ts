// ruleCases: table-driven tests of one rule, in the spirit of ESLint's RuleTester. Each case runs
// the rule the way the engine does (options parsed by the rule's schema, now = the snapshot's
// collectedAt); a valid case must produce no finding, an invalid one exactly the findings given
// (resource and message, in order). Works with Jest or node:test: it uses the global describe/it
// when there are some, or the ones passed in.
import { deepStrictEqual } from 'node:assert/strict';
import type { AnyRule, Finding } from '../rules/types.js';
import type { Snapshot } from '../snapshot/schema.js';

interface RuleCase {
  /** Names the test; unique among the rule's cases. */
  name: string;
  snapshot: Snapshot;
  /** The rule's options, validated against its schema. */
  options?: Record<string, unknown>;
}

export type ValidCase = RuleCase;

export interface InvalidCase extends RuleCase {
  /** Every finding the rule must report, exactly: its resource and its message. */
  findings: Array<Pick<Finding, 'resource' | 'message'>>;
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

type Block = (name: string, body: () => void) => unknown;

export interface TestFunctions {
  describe: Block;
  it: Block;
}

function testFunctions(given: TestFunctions | undefined): TestFunctions {
  if (given) return given;
  const globals = globalThis as Partial<TestFunctions>;
  if (typeof globals.describe === 'function' && typeof globals.it === 'function') {
    return { describe: globals.describe, it: globals.it };
  }
  throw new Error(
    "ruleCases: no describe/it globals (Jest has them); with node:test pass them: ruleCases(rule, cases, { describe, it }) from 'node:test'",
  );
}

/** The case list's defects, found before any test runs: each kind present, names unique, options valid. */
function checkCases(rule: AnyRule, cases: RuleCases): void {
  if (cases.valid.length === 0 || cases.invalid.length === 0) {
    throw new Error(
      `ruleCases(${rule.id}): give both valid and invalid cases (a rule that never fires passes valid cases alone)`,
    );
  }
  const seen = new Set<string>();
  for (const { name, options } of [...cases.valid, ...cases.invalid]) {
    if (seen.has(name)) throw new Error(`ruleCases(${rule.id}): two cases are named "${name}"`);
    seen.add(name);
    const parsed = rule.options.safeParse(options ?? {});
    if (!parsed.success) {
      throw new Error(
        `ruleCases(${rule.id}): case "${name}": options do not match the rule's schema: ${parsed.error.message}`,
      );
    }
  }
}

/** The rule's findings on one case, as resource and message; a resource it could not judge fails the case. */
function run(rule: AnyRule, testCase: RuleCase): Array<Pick<Finding, 'resource' | 'message'>> {
  const unjudged: string[] = [];
  const findings = rule.check({
    snapshot: testCase.snapshot,
    options: rule.options.parse(testCase.options ?? {}),
    now: new Date(testCase.snapshot.collectedAt),
    notEvaluated: (resource, reason) => unjudged.push(`${resource}: ${reason}`),
  });
  if (unjudged.length > 0) throw new Error(`${rule.id} could not judge: ${unjudged.join('; ')}`);
  return findings.map(({ resource, message }) => ({ resource, message }));
}

export function ruleCases(rule: AnyRule, cases: RuleCases, functions?: TestFunctions): void {
  checkCases(rule, cases);
  const { describe, it } = testFunctions(functions);
  describe(rule.id, () => {
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => deepStrictEqual(run(rule, testCase), []));
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => deepStrictEqual(run(rule, testCase), testCase.findings));
    }
  });
}
