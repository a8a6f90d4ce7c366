// Condition blocks and policy variables, evaluated with what is known at audit time: the time of the
// snapshot and who the principal is. A condition that can never hold makes its statement grant (or
// deny) nothing; one that always holds makes it unconditional; anything that depends on the request
// (source IP, MFA, tags...) leaves it "conditional", which findings report rather than guess.
//
// IAM semantics followed here: operators in a block are ANDed, keys within an operator are ANDed,
// the values of one key are ORed (for negated operators: the key must match none of them). Key
// names are case-insensitive. A key missing from the request fails every operator except negated
// ones, `...IfExists` and `Null`; `ForAllValues:` over a missing key holds, `ForAnyValue:` does not.
import type { ConditionBlock } from '../snapshot/schema.js';
import { globMatch } from '../util/glob.js';
import { ipInBlock } from './ip-address.js';

export type PrincipalKind = 'user' | 'group' | 'role';

/** What the audit knows about a request made under a policy. */
export interface RequestFacts {
  now: Date;
  accountId: string;
  /** The principal the policy is evaluated for; absent when a policy document is judged on its own. */
  principal?: { kind: PrincipalKind; arn: string; name: string };
  /** Request-specific keys the caller fixes (lower-case name -> value), e.g. iam:passedtoservice. */
  extra?: Readonly<Record<string, string>>;
}

export type Verdict = 'always' | 'never' | 'conditional';

export interface ConditionOutcome {
  verdict: Verdict;
  /** Condition keys that decided nothing because their value is only known at request time. */
  unresolvedKeys: string[];
}

const ALWAYS: ConditionOutcome = { verdict: 'always', unresolvedKeys: [] };

/** Keys whose value differs between principals of one account (so verdicts must not be shared). */
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:username', 'aws:principaltype']);

/**
 * What the audit knows of a key's value: a value, that the key is absent, nothing, or (for
 * aws:TokenIssueTime) a window of instants, any of which the request may bring, or no value at all.
 */
type KeyValue =
  | { state: 'present'; value: string }
  | { state: 'absent' }
  | { state: 'unknown' }
  | { state: 'window'; earliestMs: number; latestMs: number };

/**
 * aws:TokenIssueTime is when the temporary credentials signing the request were issued. Any token
 * usable at audit time was issued at or before it, and not longer ago than the longest lifetime a
 * token can have: 36 hours (GetSessionToken and GetFederationToken accept up to 129,600 seconds).
 * Role sessions last at most 12 hours (MaxSessionDuration), but credentials EC2 hands to instance
 * profiles are outside that setting, so the longer bound is used for every principal. Requests
 * signed with an IAM user's long-term access key carry no token, so the key may also be absent.
 * Hence, with d a date in the policy and now the audit time:
 * - DateLessThan(Equals) d: never when d is before (at) now - 36 h, whether the key is present or
 *   absent (a revoked-sessions Deny older than that no longer removes anything); otherwise the
 *   request decides;
 * - DateGreaterThan(Equals) d: never when d is at (after) now or later; when d is before the window
 *   it holds for every token but fails without one, so the request decides;
 * - DateEquals d: never when d is outside the window; DateNotEquals is decided by the request
 *   (it holds when the key is absent);
 * - ...IfExists forms hold when the key is absent, so they are never "never" (only "always" when
 *   every token in the window satisfies them).
 */
const TOKEN_LIFETIME_MS = 36 * 60 * 60 * 1000;

const ABSENT: KeyValue = { state: 'absent' };
const UNKNOWN: KeyValue = { state: 'unknown' };
const present = (value: string): KeyValue => ({ state: 'present', value });

/** The value of a condition key (or policy variable) in an audited request. */
export function resolveKey(key: string, facts: RequestFacts): KeyValue {
  const name = key.toLowerCase();
  const extra = facts.extra?.[name];
  if (extra !== undefined) return present(extra);
  const principal = facts.principal;
  switch (name) {
    case 'aws:currenttime':
      return present(facts.now.toISOString());
    case 'aws:epochtime':
      return present(String(Math.floor(facts.now.getTime() / 1000)));
    case 'aws:tokenissuetime':
      return {
        state: 'window',
        earliestMs: facts.now.getTime() - TOKEN_LIFETIME_MS,
        latestMs: facts.now.getTime(),
      };
    case 'aws:principalaccount':
      return present(facts.accountId);
    case 'aws:principalarn':
      // A group never makes requests: its members do, each with their own ARN.
      return principal && principal.kind !== 'group' ? present(principal.arn) : UNKNOWN;
    case 'aws:username':
      if (!principal || principal.kind === 'group') return UNKNOWN;
      // Only IAM users have a user name; role sessions have none.
      return principal.kind === 'user' ? present(principal.name) : ABSENT;
    case 'aws:principaltype':
      if (!principal) return UNKNOWN;
      return present(principal.kind === 'role' ? 'AssumedRole' : 'User');
    default:
      return UNKNOWN;
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;

export type Substituted = { value: string; unresolved: boolean } | null;

/**
 * Replaces policy variables (`${aws:username}`, `${aws:username, 'default'}`, `${*}`) in a value.
 * Returns null when a variable's key is absent and has no default: IAM then matches nothing.
 * Variables known only at request time become `*` with `unresolved` set, so callers can treat the
 * value as covering whatever the request could bring, and mark the result conditional.
 */
export function substituteVariables(text: string, facts: RequestFacts): Substituted {
  if (!text.includes('${')) return { value: text, unresolved: false };
  let unresolved = false;
  let absent = false;
  const value = text.replace(VARIABLE, (_match, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const [rawKey, ...rest] = inner.split(',');
    const fallback = rest
      .join(',')
      .trim()
      .match(/^'(.*)'$/)?.[1];
    const resolved = resolveKey(rawKey!.trim(), facts);
    if (resolved.state === 'present') return resolved.value;
    if (resolved.state === 'absent') {
      if (fallback !== undefined) return fallback;
      absent = true;
      return '';
    }
    // Unknown, or one of a window of values: only the request tells.
    unresolved = true;
    return '*';
  });
  return absent ? null : { value, unresolved };
}

/** Does the outcome of this block (or the meaning of these resources) depend on which principal asks? */
export function dependsOnPrincipal(block: ConditionBlock | undefined): boolean {
  if (!block) return false;
  for (const keys of Object.values(block)) {
    for (const [key, values] of Object.entries(keys)) {
      if (PRINCIPAL_KEYS.has(key.toLowerCase())) return true;
      if (values.some((v) => v.includes('${'))) return true;
    }
  }
  return false;
}

interface ParsedOperator {
  base: string;
  ifExists: boolean;
  /** The set-operator prefix, lower-case (`forallvalues`, `foranyvalue`), or null. */
  qualifier: string | null;
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let qualifier: string | null = null;
  const colon = rest.indexOf(':');
  if (colon > 0) {
    qualifier = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  const ifExists = /ifexists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { base: rest.toLowerCase(), ifExists, qualifier };
}

const NEGATED = new Set([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'numericnotequals',
  'datenotequals',
  'arnnotequals',
  'arnnotlike',
  'notipaddress',
]);

const OPERATORS = new Set([
  ...[
    'stringequals',
    'stringequalsignorecase',
    'stringlike',
    'numericequals',
    'dateequals',
    'arnequals',
    'arnlike',
  ],
  ...NEGATED,
  ...['numericlessthan', 'numericlessthanequals', 'numericgreaterthan', 'numericgreaterthanequals'],
  ...['datelessthan', 'datelessthanequals', 'dategreaterthan', 'dategreaterthanequals'],
  ...['bool', 'binaryequals', 'ipaddress', 'null'],
]);

/** Is this an IAM condition operator (with its IfExists / ForAllValues / ForAnyValue forms)? */
export function isKnownConditionOperator(operator: string): boolean {
  const { base, ifExists, qualifier } = parseOperator(operator);
  const qualifierKnown = qualifier === null || qualifier === 'forallvalues' || qualifier === 'foranyvalue';
  return qualifierKnown && OPERATORS.has(base) && !(ifExists && base === 'null');
}

/** Compares one request value with one policy value; null when the operator or data is not understood. */
function compare(base: string, actual: string, expected: string): boolean | null {
  switch (base) {
    case 'stringequals':
    case 'stringnotequals':
      return actual === expected;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'stringlike':
    case 'stringnotlike':
    case 'arnequals':
    case 'arnlike':
    case 'arnnotequals':
    case 'arnnotlike':
      return globMatch(expected, actual);
    case 'bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'numericequals':
    case 'numericnotequals':
    case 'numericlessthan':
    case 'numericlessthanequals':
    case 'numericgreaterthan':
    case 'numericgreaterthanequals':
      return ordered(base.slice('numeric'.length), toNumber(actual), toNumber(expected));
    case 'dateequals':
    case 'datenotequals':
    case 'datelessthan':
    case 'datelessthanequals':
    case 'dategreaterthan':
    case 'dategreaterthanequals':
      return ordered(base.slice('date'.length), toEpochMs(actual), toEpochMs(expected));
    case 'ipaddress':
    case 'notipaddress':
      return ipInBlock(actual, expected);
    default:
      return null;
  }
}

function ordered(relation: string, actual: number | null, expected: number | null): boolean | null {
  if (actual === null || expected === null) return null;
  switch (relation) {
    case 'equals':
    case 'notequals':
      return actual === expected;
    case 'lessthan':
      return actual < expected;
    case 'lessthanequals':
      return actual <= expected;
    case 'greaterthan':
      return actual > expected;
    case 'greaterthanequals':
      return actual >= expected;
    default:
      return null;
  }
}

function toNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/** Date condition values are ISO 8601 dates or epoch seconds. */
function toEpochMs(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

/** One operator/key pair: true, false, or null when only the request can tell. */
function evaluateEntry(
  operator: string,
  key: string,
  values: readonly string[],
  facts: RequestFacts,
): boolean | null {
  if (!isKnownConditionOperator(operator)) return null;
  const { base, ifExists, qualifier } = parseOperator(operator);
  const resolved = resolveKey(key, facts);
  switch (resolved.state) {
    case 'unknown':
      return null;
    case 'absent':
      return whenAbsent(base, values, ifExists, qualifier);
    case 'present':
      return matchValues(base, values, facts, (expected) => compare(base, resolved.value, expected));
    case 'window': {
      const present = matchValues(base, values, facts, (expected) =>
        compareWithin(base, resolved.earliestMs, resolved.latestMs, expected),
      );
      // The request may also bring no value at all (see TOKEN_LIFETIME_MS).
      return present === whenAbsent(base, values, ifExists, qualifier) ? present : null;
    }
  }
}

/** The entry's outcome when the request lacks the key. */
function whenAbsent(
  base: string,
  values: readonly string[],
  ifExists: boolean,
  qualifier: string | null,
): boolean {
  if (base === 'null') return values.some((v) => v.toLowerCase() === 'true');
  if (ifExists || qualifier === 'forallvalues') return true;
  if (qualifier === 'foranyvalue') return false;
  return NEGATED.has(base);
}

/**
 * The entry's outcome when the key has a value: some policy value must match it (a negated
 * operator: none may). `matches` answers for one policy value, null when the request decides.
 */
function matchValues(
  base: string,
  values: readonly string[],
  facts: RequestFacts,
  matches: (expected: string) => boolean | null,
): boolean | null {
  if (base === 'null') return values.some((v) => v.toLowerCase() === 'false');
  let anyMatch: boolean | null = false;
  for (const raw of values) {
    const expected = substituteVariables(raw, facts);
    if (expected === null) continue;
    const result = expected.unresolved ? null : matches(expected.value);
    if (result === true) {
      anyMatch = true;
      break;
    }
    if (result === null) anyMatch = null;
  }
  if (anyMatch === null) return null;
  return NEGATED.has(base) ? !anyMatch : anyMatch;
}

/** A date comparison that holds for every instant of [earliest, latest], for none, or (null) for some. */
function compareWithin(base: string, earliestMs: number, latestMs: number, expected: string): boolean | null {
  if (!base.startsWith('date')) return null;
  const expectedMs = toEpochMs(expected);
  if (expectedMs === null) return null;
  if (base === 'dateequals' || base === 'datenotequals') {
    // Equality: the instant the policy names is in the window or not.
    if (expectedMs < earliestMs || expectedMs > latestMs) return false;
    return earliestMs === latestMs ? true : null;
  }
  // The other relations are monotone in time: the ends of the window decide.
  const relation = base.slice('date'.length);
  const atEarliest = ordered(relation, earliestMs, expectedMs);
  const atLatest = ordered(relation, latestMs, expectedMs);
  return atEarliest === atLatest ? atEarliest : null;
}

/** Evaluates a whole Condition block against what the audit knows. */
export function evaluateCondition(block: ConditionBlock | undefined, facts: RequestFacts): ConditionOutcome {
  if (!block) return ALWAYS;
  const unresolvedKeys: string[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, values] of Object.entries(keys)) {
      const result = evaluateEntry(operator, key, values, facts);
      if (result === false) return { verdict: 'never', unresolvedKeys: [] };
      if (result === null && !unresolvedKeys.includes(key)) unresolvedKeys.push(key);
    }
  }
  return unresolvedKeys.length > 0 ? { verdict: 'conditional', unresolvedKeys } : ALWAYS;
}
