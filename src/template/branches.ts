// The variants of a resolved value that holds `Fn::If`s on conditions only known at deploy time:
// one per assignment of those conditions, each with every If replaced by the branch it takes. Past
// a few conditions the variants are too many to judge one by one, and the value is left as it is
// (its Ifs then read as unknown values, settled on the side that grants less).
import type { Resolved } from './intrinsics.js';
import { Alternatives, NO_VALUE, isSymbolic } from './intrinsics.js';

/** 2^4 = 16 variants at most. */
const MAX_CONDITIONS = 4;

export interface Variant {
  /** Undefined when the chosen branch is AWS::NoValue. */
  value: Resolved | undefined;
}

function conditionsIn(value: Resolved | typeof NO_VALUE, found: Set<string>): Set<string> {
  if (value instanceof Alternatives) {
    found.add(value.condition);
    conditionsIn(value.whenTrue, found);
    conditionsIn(value.whenFalse, found);
  } else if (Array.isArray(value)) value.forEach((item) => conditionsIn(item, found));
  else if (value !== null && typeof value === 'object' && !isSymbolic(value)) {
    Object.values(value).forEach((item) => conditionsIn(item, found));
  }
  return found;
}

function choose(
  value: Resolved | typeof NO_VALUE,
  holds: ReadonlyMap<string, boolean>,
): Resolved | typeof NO_VALUE {
  if (value instanceof Alternatives) {
    return choose(holds.get(value.condition) ? value.whenTrue : value.whenFalse, holds);
  }
  if (Array.isArray(value)) {
    return value.map((item) => choose(item, holds)).filter((item): item is Resolved => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object' || isSymbolic(value)) return value;
  const out: Record<string, Resolved> = {};
  for (const [key, item] of Object.entries(value)) {
    const chosen = choose(item, holds);
    if (chosen !== NO_VALUE) out[key] = chosen;
  }
  return out;
}

/** The unknown conditions a value depends on (sorted), and its variants, one per assignment of them. */
export function variantsOf(value: Resolved | undefined): { conditions: string[]; variants: Variant[] } {
  const conditions = value === undefined ? [] : [...conditionsIn(value, new Set())].sort();
  if (conditions.length === 0 || conditions.length > MAX_CONDITIONS) {
    return { conditions: [], variants: [{ value }] };
  }
  const variants: Variant[] = [];
  for (let mask = 0; mask < 2 ** conditions.length; mask++) {
    const holds = new Map(conditions.map((name, bit) => [name, (mask & (1 << bit)) !== 0]));
    const chosen = choose(value!, holds);
    variants.push({ value: chosen === NO_VALUE ? undefined : chosen });
  }
  return { conditions, variants };
}
