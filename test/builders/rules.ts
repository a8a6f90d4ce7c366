// Runs a rule the way the engine does, for rule tests: options parsed (defaults filled in) by the
// rule's own zod schema, now = the snapshot's collectedAt.
import type { AnyRule, Finding } from '../../src/rules/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

/** A resource the rule said it could not judge, and why. */
export interface Unjudged {
  resource: string;
  reason: string;
}

/** The rule's findings and the resources it could not judge. */
export function judge(
  rule: AnyRule,
  snapshot: Snapshot,
  options: object = {},
): { findings: Finding[]; notEvaluated: Unjudged[] } {
  const notEvaluated: Unjudged[] = [];
  const findings = rule.check({
    snapshot,
    options: rule.options.parse(options),
    now: new Date(snapshot.collectedAt),
    notEvaluated: (resource, reason) => notEvaluated.push({ resource, reason }),
  });
  return { findings, notEvaluated };
}

/**
 * The rule's findings, for tests of data it can judge completely: a resource it could not judge
 * fails the test, since an empty list would otherwise read as a pass.
 */
export function runRule(rule: AnyRule, snapshot: Snapshot, options: object = {}): Finding[] {
  const { findings, notEvaluated } = judge(rule, snapshot, options);
  if (notEvaluated.length > 0) {
    throw new Error(`${rule.id} could not judge: ${JSON.stringify(notEvaluated)}`);
  }
  return findings;
}
