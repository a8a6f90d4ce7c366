// Runs a rule the way the engine does, for rule tests: options parsed (defaults filled in) by the
// rule's own zod schema, now = the snapshot's collectedAt.
import type { AnyRule, Finding } from '../../src/rules/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

export function runRule(rule: AnyRule, snapshot: Snapshot, options: object = {}): Finding[] {
  return rule.check({ snapshot, options: rule.options.parse(options), now: new Date(snapshot.collectedAt) });
}
