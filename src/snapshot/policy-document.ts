// Policy documents arrive URL-encoded (IAM API, SDK v3), as JSON text, or as already-decoded
// objects (AWS CLI, CloudFormation). normalizePolicyDocument turns any of them into one shape:
// Statement, Action, NotAction, Resource, NotResource and condition values always arrays.
// It never throws on a malformed statement: it keeps what it can and records the problem, so
// policy-invalid can report it and analysis still sees the valid statements.
import type { ConditionBlock, PolicyDocument, Principal, Statement } from './schema.js';

export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
}

/** Decodes IAM's RFC 3986 encoding. Never a form decoder: `+` is legal in names and must stay `+`. */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    return decodeURIComponent(trimmed);
  } catch {
    throw new PolicyDocumentError('policy document is neither JSON nor URL-encoded JSON');
  }
}

export function parsePolicyText(text: string): unknown {
  const decoded = decodePolicyText(text);
  try {
    return JSON.parse(decoded);
  } catch (error) {
    throw new PolicyDocumentError(`policy document is not valid JSON (${(error as Error).message})`);
  }
}

const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

/** The one problem that loses nothing: a Sid only labels its statement. */
const SID_NOT_A_STRING = 'Sid must be a string';

function toStringList(value: unknown, key: string, where: string, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else problems.push(`${where}: ${key} contains a non-string value (${JSON.stringify(item)})`);
  }
  return out;
}

function normalizePrincipal(
  value: unknown,
  key: string,
  where: string,
  problems: string[],
): Principal | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, string[]> = {};
    for (const [type, ids] of Object.entries(value as Record<string, unknown>)) {
      out[type] = toStringList(ids, `${key}.${type}`, where, problems) ?? [];
    }
    return out;
  }
  problems.push(`${where}: ${key} must be "*" or an object`);
  return undefined;
}

function normalizeCondition(value: unknown, where: string, problems: string[]): ConditionBlock | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where}: Condition must be an object`);
    return undefined;
  }
  const out: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value as Record<string, unknown>)) {
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
      problems.push(`${where}: Condition.${operator} must be an object`);
      continue;
    }
    const block: Record<string, string[]> = {};
    for (const [conditionKey, raw] of Object.entries(keys as Record<string, unknown>)) {
      const values = Array.isArray(raw) ? raw : [raw];
      // Booleans and numbers are legal condition values; IAM compares them as strings.
      block[conditionKey] = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    }
    out[operator] = block;
  }
  return out;
}

function normalizeStatement(raw: unknown, index: number, problems: string[]): Statement | undefined {
  const where = `Statement[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where} is not an object`);
    return undefined;
  }
  const input = raw as Record<string, unknown>;
  const statement: Statement = {
    ...input,
    Effect: typeof input.Effect === 'string' ? input.Effect : '',
  } as Statement;
  if (typeof input.Effect !== 'string') problems.push(`${where}: Effect is missing`);
  else if (input.Effect !== 'Allow' && input.Effect !== 'Deny')
    problems.push(`${where}: Effect "${input.Effect}" is neither Allow nor Deny`);
  if (input.Sid !== undefined && typeof input.Sid !== 'string') {
    problems.push(`${where}: ${SID_NOT_A_STRING}`);
    delete statement.Sid;
  }
  for (const key of LIST_KEYS) {
    const list = toStringList(input[key], key, where, problems);
    if (list === undefined) delete statement[key];
    else statement[key] = list;
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const principal = normalizePrincipal(input[key], key, where, problems);
    if (principal === undefined) delete statement[key];
    else statement[key] = principal;
  }
  const condition = normalizeCondition(input.Condition, where, problems);
  if (condition === undefined) delete statement.Condition;
  else statement.Condition = condition;
  return statement;
}

/**
 * Like normalizePolicyDocument, but a document nothing can be read from (URL-encoded twice, not
 * JSON after decoding) becomes an empty one whose `decodeError` says why, so one bad document never
 * loses the rest of the account. Its empty Statement does not mean "grants nothing": what the
 * policy grants or denies is unknown, and analysis must not judge it.
 */
export function readPolicyDocument(input: unknown): PolicyDocument {
  try {
    return normalizePolicyDocument(input);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    return { Statement: [], problems: [error.message], decodeError: error.message };
  }
}

/** Accepts a URL-encoded or JSON string, or a decoded object. Throws PolicyDocumentError only when nothing is usable. */
export function normalizePolicyDocument(input: unknown): PolicyDocument {
  const value = typeof input === 'string' ? parsePolicyText(input) : input;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new PolicyDocumentError('policy document is not a JSON object');
  }
  const raw = value as Record<string, unknown>;
  const problems: string[] = [];
  const rawStatements =
    raw.Statement === undefined ? [] : Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  if (raw.Statement === undefined) problems.push('Statement is missing');
  const statements: Statement[] = [];
  rawStatements.forEach((s, i) => {
    const statement = normalizeStatement(s, i, problems);
    if (statement) statements.push(statement);
  });
  const { Statement: _ignored, ...rest } = raw;
  const document: PolicyDocument = { ...rest, Statement: statements } as PolicyDocument;
  if (typeof raw.Version !== 'string') delete document.Version;
  if (problems.length > 0) document.problems = problems;
  // IAM stores only valid documents, so one that lost a statement, an Effect, an action, a
  // principal or a condition on the way here is damaged data: the lost part may have been an Allow
  // or a Deny, and judging the rest would be a guess. policy-invalid still reports every problem.
  const lost = problems.find((problem) => !problem.endsWith(SID_NOT_A_STRING));
  if (lost !== undefined) document.decodeError = `not a valid IAM policy: ${lost}`;
  return document;
}
