// The numbers a benchmark asks of a rule's options. A finding carries a control's id only while
// the rule's option is at least as strict as the benchmark's value: with `maxUnusedDays: 90` an
// unused key is still reported, but it no longer claims CIS "credentials unused for 45 days", and
// that control is not evaluated rather than passed.
import type { AnyRule, Frameworks } from '../rules/types.js';

/** at-most: a smaller option is stricter (days allowed); at-least: a larger one is (length, count). */
export type Direction = 'at-most' | 'at-least';

export interface OptionLimit {
  rule: string;
  option: string;
  direction: Direction;
  value: number;
}

/** A limit on one control id under one framework key of the rules' metadata. */
export interface ControlLimit extends OptionLimit {
  tag: string;
  control: string;
}

/** A limit the run's options break, with the value the options hold. */
export interface LoosenedLimit extends ControlLimit {
  actual: number;
}

function atMost(rule: string, option: string, value: number): OptionLimit {
  return { rule, option, direction: 'at-most', value };
}

function atLeast(rule: string, option: string, value: number): OptionLimit {
  return { rule, option, direction: 'at-least', value };
}

/**
 * CIS v3.0 to v7.0 ask the same numbers: credentials unused for 45 days, passwords of 14
 * characters, 24 remembered passwords, keys rotated every 90 days, no console users outside
 * central identity. Each applies to whichever control the rule names in each version (read from
 * the rule's own `frameworks`).
 */
const CIS_LIMITS: readonly OptionLimit[] = [
  atMost('user-unused-password', 'maxUnusedDays', 45),
  atMost('user-unused-access-key', 'maxUnusedDays', 45),
  atLeast('password-policy-min-length', 'minLength', 14),
  atLeast('password-policy-reuse', 'minReuse', 24),
  atMost('user-access-key-rotation', 'maxAgeDays', 90),
  // "No IAM users representing individuals": every console user allowed loosens the control.
  atMost('identity-federation-missing', 'maxConsoleUsers', 0),
];

/** Security Hub controls differ in their numbers: IAM.22 is 45 days, IAM.8 (FSBP) is 90. */
const SECURITY_HUB_LIMITS: ReadonlyArray<readonly [string, OptionLimit]> = [
  ['IAM.22', atMost('user-unused-password', 'maxUnusedDays', 45)],
  ['IAM.22', atMost('user-unused-access-key', 'maxUnusedDays', 45)],
  ['IAM.8', atMost('user-unused-password', 'maxUnusedDays', 90)],
  ['IAM.8', atMost('user-unused-access-key', 'maxUnusedDays', 90)],
  ['IAM.3', atMost('user-access-key-rotation', 'maxAgeDays', 90)],
  ['IAM.15', atLeast('password-policy-min-length', 'minLength', 14)],
  ['IAM.16', atLeast('password-policy-reuse', 'minReuse', 24)],
  ['IAM.17', atMost('password-policy-max-age', 'maxAgeDays', 90)],
];

const CIS_TAG = /^cis-aws-/;

/** Every limit on `rule`'s control ids, under every framework key it carries. */
export function limitsOf(rule: AnyRule): ControlLimit[] {
  const cis = CIS_LIMITS.filter((limit) => limit.rule === rule.id).flatMap((limit) =>
    Object.entries(rule.frameworks)
      .filter(([tag]) => CIS_TAG.test(tag))
      .flatMap(([tag, controls]) => controls.map((control) => ({ ...limit, tag, control }))),
  );
  const securityHub = SECURITY_HUB_LIMITS.filter(([, limit]) => limit.rule === rule.id).map(
    ([control, limit]) => ({ ...limit, tag: 'aws-security-hub', control }),
  );
  return [...cis, ...securityHub];
}

function holds(limit: OptionLimit, actual: number): boolean {
  return limit.direction === 'at-most' ? actual <= limit.value : actual >= limit.value;
}

/** The limits on `rule` that `options` (parsed, defaults filled in) break. */
export function loosenedLimits(rule: AnyRule, options: unknown): LoosenedLimit[] {
  return limitsOf(rule).flatMap((limit) => {
    const actual = (options as Record<string, unknown> | undefined)?.[limit.option];
    return typeof actual === 'number' && !holds(limit, actual) ? [{ ...limit, actual }] : [];
  });
}

/** The rule's framework controls minus those its options are too loose for. */
export function effectiveFrameworks(rule: AnyRule, options: unknown): Frameworks {
  const loosened = loosenedLimits(rule, options);
  if (loosened.length === 0) return rule.frameworks;
  const dropped = (tag: string, control: string) =>
    loosened.some((limit) => limit.tag === tag && limit.control === control);
  const kept = Object.entries(rule.frameworks).map(
    ([tag, controls]) => [tag, controls.filter((control) => !dropped(tag, control))] as const,
  );
  return Object.fromEntries(kept.filter(([, controls]) => controls.length > 0));
}

/** "user-unused-access-key option maxUnusedDays is 90; the benchmark asks for at most 45". */
export function describeLoosened(limit: LoosenedLimit): string {
  const bound = limit.direction === 'at-most' ? 'at most' : 'at least';
  return `${limit.rule} option ${limit.option} is ${limit.actual}; the benchmark asks for ${bound} ${limit.value}`;
}
