// IAM's wildcard patterns: `*` matches any run of characters (colons and slashes included) and `?`
// exactly one character, in Action, Resource and the *Like condition operators. Besides matching one
// string, policy analysis asks questions about whole patterns: can two patterns match a common ARN
// (a grant on `user/*` and a boundary on `user/dev-*`), and does one pattern match everything
// another can (a Deny on `user/*` covers an Allow on `user/dev/*`).

import { globMatch } from '../util/glob.js';

// Analysis asks the same pattern questions for thousands of principals sharing policies; the
// answers are pure, so they are kept (bounded, in case one process audits many accounts).
const CACHE_LIMIT = 100_000;
const coverCache = new Map<string, boolean>();
const intersectCache = new Map<string, boolean>();

function memoised(cache: Map<string, boolean>, key: string, compute: () => boolean): boolean {
  let answer = cache.get(key);
  if (answer === undefined) {
    answer = compute();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, answer);
  }
  return answer;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Does every string `inner` can match also match `outer`? Answered soundly (never a wrong "yes"):
 * `inner`'s wildcards are treated as unknown text that only a `*` of `outer` can absorb (or, for
 * `?`, a `?` of `outer`). Used to decide that a Deny removes an Allow.
 */
export function globCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (outer === inner) return true;
  return memoised(coverCache, `${outer}\u0000${inner}`, () => computeCovers(outer, inner));
}

function computeCovers(outer: string, inner: string): boolean {
  // reachable[j]: outer[0..i) can match inner[0..j)
  let reachable = new Array<boolean>(inner.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < outer.length; i++) {
    const o = outer[i]!;
    const next = new Array<boolean>(inner.length + 1).fill(false);
    if (o === '*') {
      let seen = false;
      for (let j = 0; j <= inner.length; j++) {
        seen ||= reachable[j]!;
        next[j] = seen;
      }
    } else {
      for (let j = 0; j < inner.length; j++) {
        if (!reachable[j]) continue;
        const c = inner[j]!;
        if (c === '*') continue;
        if (o === c || (o === '?' && c !== '*')) next[j + 1] = true;
      }
    }
    reachable = next;
  }
  return reachable[inner.length]!;
}

/**
 * Is there one string that every pattern matches? Exact: runs the patterns' automata in lockstep
 * over the characters that could matter (each pattern's next literal, plus one character none of
 * them names).
 */
export function globsIntersect(patterns: readonly string[]): boolean {
  const relevant = patterns.filter((p) => p !== '*');
  if (relevant.length <= 1) return true;
  const literal = relevant.find((p) => !hasWildcard(p));
  if (literal !== undefined) return relevant.every((p) => globMatch(p, literal));
  return memoised(intersectCache, relevant.join('\u0000'), () =>
    relevant.length === 2 ? globPairIntersects(relevant[0]!, relevant[1]!) : computeIntersection(relevant),
  );
}

/**
 * Can two patterns match a common string? Exact, and quadratic in their lengths whatever their
 * wildcards, without remembering the answer: for callers that keep their own (a question asked once
 * per pattern and ARN format would only crowd out the answers analysis asks again and again).
 */
export function globPairIntersects(a: string, b: string): boolean {
  if (!literalEndsAgree(a, b)) return false;
  // meet[i * width + j]: some string is matched by both a[i..] and b[j..]; filled from the ends.
  const width = b.length + 1;
  const meet = new Uint8Array((a.length + 1) * width);
  meet[meet.length - 1] = 1;
  for (let i = a.length; i >= 0; i--) {
    const x = a[i];
    for (let j = b.length; j >= 0; j--) {
      const y = b[j];
      const here = i * width + j;
      if (x === '*') meet[here] = meet[here + width]! | (y === undefined ? 0 : meet[here + 1]!);
      else if (y === '*') meet[here] = meet[here + 1]! | (x === undefined ? 0 : meet[here + width]!);
      else if (x !== undefined && y !== undefined && (x === y || x === '?' || y === '?')) {
        meet[here] = meet[here + width + 1]!;
      }
    }
  }
  return meet[0] === 1;
}

/** The cheap necessary condition: the literal text before the first wildcard, and after the last, is compatible. */
function literalEndsAgree(a: string, b: string): boolean {
  const compatible = (x: string, y: string) => x === y || x === '?' || y === '?';
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] === '*' || b[i] === '*') break;
    if (!compatible(a[i]!, b[i]!)) return false;
  }
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    if (a[i] === '*' || b[j] === '*') break;
    if (!compatible(a[i]!, b[j]!)) return false;
  }
  return true;
}

function computeIntersection(relevant: readonly string[]): boolean {
  const closure = (pattern: string, positions: Set<number>): Set<number> => {
    for (const position of positions) {
      if (pattern[position] === '*') positions.add(position + 1);
    }
    return positions;
  };
  const step = (pattern: string, positions: Set<number>, char: string | null): Set<number> => {
    const next = new Set<number>();
    for (const position of positions) {
      const c = pattern[position];
      if (c === '*') next.add(position);
      else if (c === '?' || (char !== null && c === char)) next.add(position + 1);
    }
    return closure(pattern, next);
  };
  const keyOf = (state: Set<number>[]) => state.map((s) => [...s].sort((a, b) => a - b).join(',')).join('|');

  const start = relevant.map((p) => closure(p, new Set([0])));
  const seen = new Set<string>([keyOf(start)]);
  const queue: Set<number>[][] = [start];
  while (queue.length > 0) {
    const state = queue.pop()!;
    if (state.every((positions, i) => positions.has(relevant[i]!.length))) return true;
    const chars = new Set<string | null>([null]);
    state.forEach((positions, i) => {
      for (const position of positions) {
        const c = relevant[i]![position];
        if (c !== undefined && c !== '*' && c !== '?') chars.add(c);
      }
    });
    for (const char of chars) {
      const next = state.map((positions, i) => step(relevant[i]!, positions, char));
      if (next.some((positions) => positions.size === 0)) continue;
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(next);
    }
  }
  return false;
}
