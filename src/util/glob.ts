// The one wildcard matcher. IAM patterns (Action, Resource, the *Like operators) have two
// wildcards: `*` any run of characters (colons and slashes included) and `?` exactly one. Patterns
// the user writes for iamspect (suppression resources, allowPrincipals) have only `*`, so a `?` in
// an ARN pattern there stays a literal character, as the docs promise.

export interface GlobWildcards {
  /** Whether `?` matches exactly one character (IAM) or only itself (iamspect's own patterns). */
  questionMark: boolean;
}

/** IAM's wildcards: `*` and `?`. */
export const IAM_WILDCARDS: GlobWildcards = { questionMark: true };
/** iamspect's own patterns: `*` only. */
export const STAR_ONLY: GlobWildcards = { questionMark: false };

/** Does `pattern` match `value`? Greedy, backtracking only to the last `*` (never exponential). */
export function globMatch(pattern: string, value: string, wildcards: GlobWildcards = IAM_WILDCARDS): boolean {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starV = v;
    } else if (c !== undefined && ((wildcards.questionMark && c === '?') || c === value[v])) {
      p++;
      v++;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
