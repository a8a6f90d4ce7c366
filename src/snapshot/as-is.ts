// A fast path for validating large input that is already what its zod schema gives back. zod parses
// by building a copy of every object; for a full-size snapshot's authorization details (13 MB of
// JSON) that copy, and collecting it, was most of the time a question spends before its answer
// (issue 12). A value that zod would accept and return unchanged needs no copy: this test, made from
// the schema itself so it cannot drift from it, says so for the kinds of schema the snapshot uses.
// It only ever answers "surely accepted as is" or "ask zod": on false, zod validates as before,
// with its own messages, so what a user sees for a bad file never depends on this fast path.
import type { z } from 'zod';

type AsIs = (value: unknown) => boolean;

/** zod's description of a schema, as much of it as this module reads. */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

interface CheckDef {
  check: string;
  format?: string;
  fn?: (value: unknown) => unknown;
}

const NEVER: AsIs = () => false;
const compiled = new WeakMap<z.ZodType, AsIs>();

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A test that is true only when `schema` surely accepts `value` and gives back a value equal to it:
 * no key stripped, no default added, nothing transformed. Kinds of schema it does not know (a
 * transform, a preprocess, a default...) make it false, and so ask zod.
 */
export function acceptedAsIs(schema: z.ZodType): AsIs {
  let test = compiled.get(schema);
  if (!test) {
    // Set before compiling, so a schema that refers to itself meets a safe answer, not a loop.
    compiled.set(schema, NEVER);
    test = compile(schema);
    compiled.set(schema, test);
  }
  return test;
}

function compile(schema: z.ZodType): AsIs {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  switch (def.type) {
    case 'string':
      return withChecks((value) => typeof value === 'string', checks);
    case 'number':
      return withChecks((value) => typeof value === 'number' && Number.isFinite(value), checks);
    case 'boolean':
      return checks.length === 0 ? (value) => typeof value === 'boolean' : NEVER;
    case 'unknown':
      return () => true;
    default:
      return checks.length === 0 ? compileStructure(def) : NEVER;
  }
}

/** `base` and every check, when each check is one whose verdict can be taken without zod. */
function withChecks(base: AsIs, checks: CheckDef[]): AsIs {
  const tests: AsIs[] = [];
  for (const check of checks) {
    if (check.check === 'custom' && check.fn) {
      // A refine's predicate, taken at its word only when it returns true: any other truthy value,
      // a promise above all, is zod's to judge.
      const predicate = check.fn;
      tests.push((value) => predicate(value) === true);
    } else if (check.check === 'number_format' && check.format === 'safeint') {
      tests.push((value) => Number.isSafeInteger(value));
    } else {
      return NEVER;
    }
  }
  return (value) => base(value) && tests.every((test) => test(value));
}

function compileStructure(def: Def): AsIs {
  switch (def.type) {
    case 'literal': {
      const values = def.values!;
      return (value) => values.includes(value);
    }
    case 'enum': {
      const values = Object.values(def.entries!);
      return (value) => values.includes(value);
    }
    case 'nullable': {
      const inner = acceptedAsIs(def.innerType!);
      return (value) => value === null || inner(value);
    }
    case 'optional': {
      const inner = acceptedAsIs(def.innerType!);
      return (value) => value === undefined || inner(value);
    }
    case 'array': {
      const element = acceptedAsIs(def.element!);
      return (value) => Array.isArray(value) && value.every((item) => element(item));
    }
    case 'record':
      return compileRecord(def);
    case 'object':
      return compileObject(def);
    case 'union':
      return compileUnion(def.options!);
    default:
      return NEVER;
  }
}

function compileRecord(def: Def): AsIs {
  const key = defOf(def.keyType!);
  if (key.type !== 'string' || (key.checks ?? []).length > 0) return NEVER;
  const valueTest = acceptedAsIs(def.valueType!);
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const name in value) if (!valueTest(value[name])) return false;
    return true;
  };
}

function compileObject(def: Def): AsIs {
  const fields = Object.entries(def.shape!).map(([name, field]) => [name, acceptedAsIs(field)] as const);
  const known = new Set(fields.map(([name]) => name));
  // No catchall: zod drops unknown keys (the value would not come back as is); `unknown`
  // (passthrough) keeps them as they are; anything else (strict: never) refuses them or checks them.
  const keepsUnknownKeys = def.catchall !== undefined && defOf(def.catchall).type === 'unknown';
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const [name, test] of fields) if (!test(value[name])) return false;
    if (keepsUnknownKeys) return true;
    for (const name in value) if (!known.has(name)) return false;
    return true;
  };
}

/**
 * zod gives back the first option that accepts: an option is taken as is only when every option
 * before it surely refuses the value (its kind of JSON value differs).
 */
function compileUnion(options: readonly z.ZodType[]): AsIs {
  const tests = options.map((option) => ({ asIs: acceptedAsIs(option), refuses: surelyRefuses(option) }));
  return (value) => {
    for (const { asIs, refuses } of tests) {
      if (asIs(value)) return true;
      if (!refuses(value)) return false;
    }
    return false;
  };
}

/** True only when `schema` surely refuses `value`, by its kind alone. */
function surelyRefuses(schema: z.ZodType): AsIs {
  const def = defOf(schema);
  switch (def.type) {
    case 'literal':
      return (value) => !def.values!.includes(value);
    case 'string':
    case 'number':
    case 'boolean':
      return (value) => typeof value !== def.type;
    case 'object':
    case 'record':
      return (value) => !isPlainObject(value);
    case 'array':
      return (value) => !Array.isArray(value);
    default:
      return NEVER;
  }
}
