// Does a resource policy let anyone in? An Allow statement is open to the public when its principal
// is everyone (`"*"`, `{"AWS": "*"}`, or NotPrincipal, which allows everyone but a few) and no
// condition ties the caller to an account, organization, principal, source resource or network
// endpoint. This follows the definition of "public" shared by S3's policy status and IAM Access
// Analyzer: a policy is not public when it grants only to fixed values of these keys.
//
// Each statement with a public principal is judged:
// - restricted: a positive test (StringEquals, StringLike, ArnLike, ForAnyValue:..., not their
//   negated or IfExists forms, under which the key may be absent or anything else) on a restricting
//   key with values that pin something down: a request must bring a matching value, so only the
//   named accounts, organizations or endpoints can pass. Or its condition can never hold now.
// - conditional: a condition the audit cannot judge (an unknown key, or aws:SourceIp limited to
//   ranges, which narrows where calls come from but not who makes them): reported, at a lower
//   severity, with the keys that decided it;
// - public: anything else.
import type { ConditionBlock, PolicyDocument, Statement } from '../snapshot/schema.js';
import { evaluateCondition } from './conditions.js';

/** Condition keys whose fixed value limits who can call (Access Analyzer's and S3's list). */
export const RESTRICTING_KEYS = [
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceOwner',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:userid',
  'kms:CallerAccount',
] as const;
const RESTRICTING = new Set(RESTRICTING_KEYS.map((key) => key.toLowerCase()));

/**
 * Keys that say how a call is made, not who makes it: whatever their test, anyone can meet it
 * (aws:Referer is a header the caller writes; a function URL's auth type is chosen by the policy,
 * and AWS_IAM still admits every AWS account). They neither restrict nor leave a doubt.
 */
const NOT_ABOUT_WHO = new Set(
  [
    'aws:SecureTransport',
    'aws:Referer',
    'aws:UserAgent',
    'aws:RequestedRegion',
    'aws:CurrentTime',
    'aws:EpochTime',
    'lambda:FunctionUrlAuthType',
  ].map((key) => key.toLowerCase()),
);

const SOURCE_IP = 'aws:sourceip';

export type PublicVerdict = 'public' | 'conditional';

export interface PublicStatement {
  index: number;
  sid?: string;
  verdict: PublicVerdict;
  /** For a conditional statement: why the audit cannot tell (one phrase per key). */
  reasons: string[];
}

/** Does the statement name everyone as its principal? */
export function hasPublicPrincipal(statement: Statement): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  const principal = statement.Principal;
  if (principal === undefined) return false;
  return principal === '*' || (principal['AWS'] ?? []).includes('*');
}

/** The Allow statements of a resource policy that let anyone in, publicly or depending on a condition. */
export function publicStatements(document: PolicyDocument, now: Date, accountId: string): PublicStatement[] {
  const out: PublicStatement[] = [];
  document.Statement.forEach((statement, index) => {
    if (statement.Effect !== 'Allow' || !hasPublicPrincipal(statement)) return;
    const judged = judgeCondition(statement.Condition, now, accountId);
    if (judged === 'restricted') return;
    out.push({
      index,
      ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
      verdict: judged.length === 0 ? 'public' : 'conditional',
      reasons: judged,
    });
  });
  return out;
}

interface ParsedOperator {
  base: string;
  /** Can the test pass without the key, or with any value but a few? Then it restricts nothing. */
  permissive: boolean;
  /** Does the value pattern use wildcards (Like operators)? */
  like: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  const colon = operator.indexOf(':');
  const qualifier = colon > 0 ? operator.slice(0, colon).toLowerCase() : '';
  const base = operator.slice(colon + 1).toLowerCase();
  const permissive =
    qualifier === 'forallvalues' || base.endsWith('ifexists') || base.includes('not') || base === 'null';
  return { base, permissive, like: base.startsWith('stringlike') || base.startsWith('arnlike') };
}

/** Reasons the statement is left to the request (none: public), or 'restricted'. */
function judgeCondition(
  condition: ConditionBlock | undefined,
  now: Date,
  accountId: string,
): string[] | 'restricted' {
  if (!condition) return [];
  // A condition that can never hold now (an expired date window) grants nothing to anyone.
  if (evaluateCondition(condition, { now, accountId }).verdict === 'never') return 'restricted';
  const reasons: string[] = [];
  for (const [operator, entries] of Object.entries(condition)) {
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(entries)) {
      const name = key.toLowerCase();
      if (NOT_ABOUT_WHO.has(name) || parsed.permissive) continue;
      if (RESTRICTING.has(name)) {
        if (values.length > 0 && values.every((value) => pinsDown(name, value, parsed.like)))
          return 'restricted';
        continue;
      }
      if (name === SOURCE_IP) {
        if (parsed.base === 'ipaddress' && !values.some(coversEveryAddress)) {
          reasons.push(`aws:SourceIp limits calls to ${values.join(', ')}, but not who makes them`);
        }
        continue;
      }
      reasons.push(`${operator} on ${key} is decided by each request`);
    }
  }
  return reasons;
}

/**
 * Does a value under a positive operator name something definite? Under an Equals operator every
 * value does (`*` is then literal). Under a Like operator a value must not be a pattern for all: an
 * ARN must fix its account (or, with none, as for S3 buckets, the whole ARN), anything else must
 * have no wildcard.
 */
function pinsDown(key: string, value: string, like: boolean): boolean {
  if (!like) return true;
  const wild = (text: string) => /[*?]/.test(text);
  if (key === 'aws:sourcearn' || key === 'aws:principalarn') {
    const account = value.split(':')[4];
    if (account === undefined) return false;
    return account === '' ? !wild(value) : !wild(account);
  }
  return !wild(value);
}

/** A CIDR of length 0 (`0.0.0.0/0`, `::/0`) lets every address in. */
function coversEveryAddress(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}
