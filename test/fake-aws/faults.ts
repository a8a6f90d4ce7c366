// Fault injection for the fake endpoint: make chosen actions fail always, for their first N calls,
// or for a seeded-random fraction of calls. Rules are checked in the order they were added; the
// first that fires decides the request's fate.

/** A named fault (translated into each service's own wire code), or an explicit error. */
export type FaultKind =
  | 'accessDenied'
  | 'throttling'
  | 'serverError'
  | 'connectionReset'
  | { code: string; status: number; message: string };

/** `*` matches every action; anything else is one action such as `iam:GetCredentialReport`. */
export type ActionPattern = string;

interface FaultRule {
  action: ActionPattern;
  kind: FaultKind;
  remaining: number;
  /** Calls let through before the fault starts firing. */
  spared: number;
  /** Draws a number in [0, 1); the fault fires when it is below `fraction`. */
  random?: () => number;
  fraction: number;
}

/** mulberry32: a tiny seeded PRNG, so a "30 % throttled" run fails the same calls every time. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultPlan {
  private rules: FaultRule[] = [];

  /** Every call of `action` is refused with the service's AccessDenied error. */
  deny(action: ActionPattern): this {
    return this.add({ action, kind: 'accessDenied', remaining: Infinity, spared: 0, fraction: 1 });
  }

  /** The first `times` calls of `action` fail with `kind`; later calls succeed. */
  failFirst(action: ActionPattern, kind: FaultKind, times: number): this {
    return this.add({ action, kind, remaining: times, spared: 0, fraction: 1 });
  }

  /** The first `succeeding` calls of `action` succeed; every later one fails with `kind`. */
  failAfter(action: ActionPattern, kind: FaultKind, succeeding: number): this {
    return this.add({ action, kind, remaining: Infinity, spared: succeeding, fraction: 1 });
  }

  /** Each call of `action` fails with `kind` with probability `fraction`, drawn from a PRNG seeded with `seed`. */
  failFraction(action: ActionPattern, kind: FaultKind, fraction: number, seed: number): this {
    return this.add({ action, kind, remaining: Infinity, spared: 0, fraction, random: seededRandom(seed) });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this call of `action`, if any (consumes one of a failFirst rule's calls). */
  next(action: string): FaultKind | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.action !== '*' && rule.action !== action)) continue;
      if (rule.spared > 0) {
        rule.spared -= 1;
        continue;
      }
      if (rule.random && rule.random() >= rule.fraction) continue;
      rule.remaining -= 1;
      return rule.kind;
    }
    return undefined;
  }

  private add(rule: FaultRule): this {
    this.rules.push(rule);
    return this;
  }
}
