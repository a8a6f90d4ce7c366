// A template's policy document may hold values only known at deploy time (a parameter without a
// Default, another stack's export, an If on such a condition). The rules must never turn such a
// value into a finding, so before the document enters the snapshot every uncertain part is settled
// on the side that grants less:
// - an Allow keeps only what it grants for certain: an unknown action or principal is dropped, and
//   a statement whose NotAction, NotPrincipal, Effect or whole Condition is unknown is dropped;
// - a Deny is widened: an unknown action, resource or principal becomes `*`, an unknown exclusion
//   (NotAction, NotResource, NotPrincipal) is removed, and a condition operator with an unknown
//   value is dropped (the Deny then applies unconditionally).
// Unknown resources and condition values of an Allow are kept as their `<...>` text: a resource
// that is not literally `*` and a condition that exists are what the rules look at, and both stay true.
import { readPolicyDocument } from '../snapshot/policy-document.js';
import type { PolicyDocument } from '../snapshot/schema.js';
import { variantsOf } from './branches.js';
import type { Resolved } from './intrinsics.js';
import { isFullyKnown, isSymbolic, toPlain } from './intrinsics.js';

type ResolvedObject = { [key: string]: Resolved };

function isObject(value: Resolved | undefined): value is ResolvedObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isSymbolic(value);
}

/** The known items of a string-or-list element; undefined when the element itself is unknown. */
function knownItems(value: Resolved): Resolved[] | undefined {
  if (isSymbolic(value)) return undefined;
  return (Array.isArray(value) ? value : [value]).filter(isFullyKnown);
}

function hasUnknown(value: Resolved | undefined): boolean {
  return value !== undefined && !isFullyKnown(value);
}

/** The principals of an Allow that are known; undefined when none is. */
function certainPrincipals(principal: Resolved): Resolved | undefined {
  if (!isObject(principal)) return isFullyKnown(principal) ? principal : undefined;
  const kept: ResolvedObject = {};
  for (const [type, ids] of Object.entries(principal)) {
    const known = knownItems(ids);
    if (known && known.length > 0) kept[type] = known;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function narrowAllow(statement: ResolvedObject): ResolvedObject | undefined {
  if (['NotAction', 'NotPrincipal', 'Condition'].some((key) => isSymbolic(statement[key]))) return undefined;
  if (hasUnknown(statement.NotAction) || hasUnknown(statement.NotPrincipal)) return undefined;
  const narrowed = { ...statement };
  if (statement.Action !== undefined && hasUnknown(statement.Action)) {
    const known = knownItems(statement.Action);
    if (!known || known.length === 0) return undefined;
    narrowed.Action = known;
  }
  if (statement.Principal !== undefined && hasUnknown(statement.Principal)) {
    const principal = certainPrincipals(statement.Principal);
    if (principal === undefined) return undefined;
    narrowed.Principal = principal;
  }
  return narrowed;
}

/** Replaces `positive` with `*` when it or its exclusion counterpart `negative` is unknown. */
function widenPair(statement: ResolvedObject, positive: string, negative: string, wildcard: Resolved): void {
  if (hasUnknown(statement[positive])) statement[positive] = wildcard;
  const exclusions = statement[negative];
  if (!hasUnknown(exclusions)) return;
  const known = exclusions === undefined ? undefined : knownItems(exclusions);
  if (known && known.length > 0 && !isObject(exclusions)) {
    statement[negative] = known;
    return;
  }
  delete statement[negative];
  statement[positive] = wildcard;
}

function widenDeny(statement: ResolvedObject): ResolvedObject {
  const widened = { ...statement };
  widenPair(widened, 'Action', 'NotAction', ['*']);
  widenPair(widened, 'Resource', 'NotResource', ['*']);
  widenPair(widened, 'Principal', 'NotPrincipal', '*');
  const condition = widened.Condition;
  if (isSymbolic(condition)) delete widened.Condition;
  else if (isObject(condition) && hasUnknown(condition)) {
    const known = Object.fromEntries(Object.entries(condition).filter(([, block]) => isFullyKnown(block)));
    if (Object.keys(known).length > 0) widened.Condition = known;
    else delete widened.Condition;
  }
  return widened;
}

function certainStatement(statement: Resolved): Resolved | undefined {
  // A statement that is not an object is kept, so policy-invalid reports it; an unknown one is not.
  if (isSymbolic(statement)) return undefined;
  if (!isObject(statement)) return statement;
  if (isSymbolic(statement.Effect)) return undefined;
  return statement.Effect === 'Deny' ? widenDeny(statement) : narrowAllow(statement);
}

/**
 * The snapshot form of a template's policy document (PolicyDocument, AssumeRolePolicyDocument),
 * or null when the document as a whole is only known at deploy time. A JSON string is accepted,
 * as CloudFormation does.
 */
export function templatePolicyDocument(value: Resolved | undefined): PolicyDocument | null {
  if (value === undefined || value === null || isSymbolic(value)) return null;
  // Not a JSON object at all: an empty document that carries the problem, for policy-invalid.
  return readPolicyDocument(typeof value === 'string' ? value : toPlain(certainDocument(value)));
}

function certainDocument(value: Resolved): Resolved {
  if (!isObject(value)) return value;
  const { Statement: statements, ...rest } = value;
  const certain =
    statements === undefined
      ? undefined
      : (Array.isArray(statements) ? statements : [statements])
          .map(certainStatement)
          .filter((statement): statement is Resolved => statement !== undefined);
  return certain === undefined ? rest : { ...rest, Statement: certain };
}

/** A policy document of a template, with the conditions only known at deploy time it depends on. */
export interface JudgedDocument {
  document: PolicyDocument | null;
  /** Names of the template's conditions whose Fn::If branches were both judged (sorted). */
  conditions: string[];
}

/**
 * Like templatePolicyDocument, with every `Fn::If` on an unknown condition judged both ways: the
 * document allows what any variant allows, and denies only what every variant denies, so a
 * condition can never hide a grant.
 */
export function judgedPolicyDocument(value: Resolved | undefined): JudgedDocument {
  const { conditions, variants } = variantsOf(value);
  if (conditions.length === 0) return { document: templatePolicyDocument(value), conditions };
  return {
    document: mergeVariants(variants.map((variant) => templatePolicyDocument(variant.value))),
    conditions,
  };
}

function mergeVariants(documents: Array<PolicyDocument | null>): PolicyDocument | null {
  const known = documents.filter((document): document is PolicyDocument => document !== null);
  const [first] = known;
  if (!first) return null;
  const keyOf = (statement: unknown) => JSON.stringify(statement);
  const allows = new Map<string, PolicyDocument['Statement'][number]>();
  for (const document of known)
    for (const statement of document.Statement)
      if (statement.Effect !== 'Deny') allows.set(keyOf(statement), statement);
  const everywhere = (statement: unknown) =>
    documents.every((document) => document?.Statement.some((other) => keyOf(other) === keyOf(statement)));
  const denies = first.Statement.filter((statement) => statement.Effect === 'Deny' && everywhere(statement));
  const problems = [...new Set(known.flatMap((document) => document.problems ?? []))];
  const merged: PolicyDocument = { ...first, Statement: [...allows.values(), ...denies] };
  if (problems.length > 0) merged.problems = problems;
  return merged;
}
