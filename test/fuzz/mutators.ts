// Hostile edits of one valid input file, for the fuzz suite. Each mutation says what it does to the
// input, because the oracle differs:
// - `breaks`: the file is cut short, emptied, loses a key its producer always writes, holds a key
//   twice or is nested past any real input. It must never audit as a pass (exit 0).
// - `garbles`: a list anywhere becomes a non-list. Readers ignore fields no rule reads (AWS adds
//   fields all the time), so exit 0 is right only when nothing a rule read changed: the report is
//   exactly the unmutated one.
// - `edits`: a value replaced, a key or list item dropped, a type changed. The input may
//   legitimately lose findings (a user removed from a list is a user less to judge): any exit code
//   0-3 without an internal error.
import fc from 'fast-check';
import type { Json, JsonPath } from '../snapshot/mutate-json.js';
import { jsonPaths, mutateAt } from '../snapshot/mutate-json.js';

export type Effect = 'breaks' | 'garbles' | 'edits';

export interface Mutation {
  /** The family of the edit, counted in the figures: `truncate`, `delete-key`, ... */
  kind: string;
  effect: Effect;
  /** The whole mutated file. */
  text: string;
  /** What was done where, short enough for a failure message (the text may be megabytes). */
  what: string;
}

/** Named so fast-check prints the edit, not the file, when a property fails. */
export function mutation(kind: string, effect: Effect, text: string, where: string): Mutation {
  const what = `${kind} (${effect}) ${where}`;
  return { kind, effect, text, what, [fc.toStringMethod]: () => what } as Mutation;
}

/** Deeper than the 512 levels iamspect reads (src/util/input-limits.ts), and deeper than any real input. */
const TOO_DEEP = { min: 513, max: 3000 };
const HUGE_STRING_LENGTHS = [10_000, 100_000];

/** Replacements that change a value's meaning or type: the hostile ones first, then any JSON value. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, {}, [], '', 0, -1, 1e308, true, 'N/A', '2099-01-01T00:00:00Z', '*'),
  fc.constantFrom(...HUGE_STRING_LENGTHS).map((length) => 'A'.repeat(length)),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

function describePath(path: JsonPath): string {
  return path.length === 0
    ? 'the whole file'
    : path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

function valueAt(document: Json, path: JsonPath): Json {
  let node = document;
  for (const key of path) node = (node as { [key: string | number]: Json })[key]!;
  return node;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The same value as another type: a number as text, text as a number, a list as a map, ... */
function otherType(value: Json): Json {
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? value.length : Number(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, index) => [String(index), item]));
  if (isObject(value)) return Object.values(value);
  return 'null';
}

/**
 * JSON text of `document` in which the value at `path` is written as `raw` (text JSON.stringify
 * cannot produce: a key given twice, thousands of levels of nesting).
 */
function withRawText(document: Json, path: JsonPath, raw: string, indent: number): string {
  const marker = '__iamspect_fuzz_raw__';
  return JSON.stringify(mutateAt(document, path, marker), null, indent).replace(
    JSON.stringify(marker),
    () => raw,
  );
}

function duplicatedKeyText(object: { [key: string]: Json }, key: string, second: Json): string {
  const entries = Object.entries(object).map(
    ([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`,
  );
  return `{${[...entries, `${JSON.stringify(key)}: ${JSON.stringify(second)}`].join(', ')}}`;
}

export interface JsonInput {
  /** The file as it is stored: truncation cuts this text. */
  text: string;
  document: Json;
  /** Paths whose loss or change of type must not pass: keys the producer always writes. */
  required: readonly JsonPath[];
  /** Indentation for rewritten files (JSON.stringify's third argument). */
  indent?: number;
  /**
   * Keys of policy documents. A list in one may be a single value in IAM's grammar, and a
   * statement that cannot be read is kept out of the analysis and reported by policy-invalid, so
   * garbling one is an edit (docs/reliability.md says what that leaves uncovered).
   */
  policyKeys?: readonly string[];
}

/** Paths whose value satisfies `keep`. */
function pathsWhere(document: Json, keep: (value: Json, path: JsonPath) => boolean): JsonPath[] {
  return jsonPaths(document).filter((path) => keep(valueAt(document, path), path));
}

/** Edits of a JSON file that break or garble its structure. */
export function breakingJsonMutations(input: JsonInput): fc.Arbitrary<Mutation>[] {
  const { text, document, required, indent = 2, policyKeys = [] } = input;
  const write = (value: Json | undefined) => JSON.stringify(value, null, indent) ?? '';
  const end = text.trimEnd().length;
  const inPolicy = (path: JsonPath) =>
    path.some((key) => typeof key === 'string' && policyKeys.includes(key));
  const lists = pathsWhere(document, (value, path) => Array.isArray(value) && !inPolicy(path));
  const objects = pathsWhere(document, (value) => isObject(value) && Object.keys(value).length > 0);
  const arbitraries: fc.Arbitrary<Mutation>[] = [
    // Byte 0 is left out: an empty file is the AWS CLI's saved "none" for some commands.
    fc
      .integer({ min: 1, max: end - 1 })
      .map((cut) =>
        mutation('truncate', 'breaks', text.slice(0, cut), `cut at byte ${cut} of ${text.length}`),
      ),
    fc
      .constantFrom('{}', '[]')
      .map((empty) => mutation('empty-container', 'breaks', empty, `the file is ${empty}`)),
    fc.tuple(fc.constantFrom(...objects), fc.nat(), hostileValue).map(([path, pick, second]) => {
      const object = valueAt(document, path) as { [key: string]: Json };
      const keys = Object.keys(object);
      const key = keys[pick % keys.length]!;
      return mutation(
        'duplicate-key',
        'breaks',
        withRawText(document, path, duplicatedKeyText(object, key, second), indent),
        `"${key}" twice at ${describePath(path)}`,
      );
    }),
    fc
      .tuple(fc.constantFrom(...jsonPaths(document)), fc.integer(TOO_DEEP))
      .map(([path, depth]) =>
        mutation(
          'nest-deep',
          'breaks',
          withRawText(document, path, `${'['.repeat(depth)}${']'.repeat(depth)}`, indent),
          `${depth} nested lists at ${describePath(path)}`,
        ),
      ),
  ];
  if (required.length > 0) {
    arbitraries.push(
      fc
        .constantFrom(...required)
        .map((path) =>
          mutation(
            'delete-required-key',
            'breaks',
            write(mutateAt(document, path, undefined)),
            describePath(path),
          ),
        ),
    );
  }
  if (lists.length > 0) {
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...lists), fc.constantFrom<Json>(null, {}, '', 0, 'x', true))
        .map(([path, value]) =>
          mutation(
            'list-to-non-list',
            'garbles',
            write(mutateAt(document, path, value)),
            `${describePath(path)} = ${JSON.stringify(value)}`,
          ),
        ),
    );
  }
  return arbitraries;
}

/** Edits of a JSON file's values: any outcome but an internal error is acceptable. */
export function editingJsonMutations(input: JsonInput): fc.Arbitrary<Mutation>[] {
  const { document, indent = 2 } = input;
  const write = (value: Json | undefined) => JSON.stringify(value, null, indent) ?? '';
  const inner = jsonPaths(document).filter((path) => path.length > 0);
  const nonEmptyLists = pathsWhere(document, (value) => Array.isArray(value) && value.length > 0);
  const arbitraries: fc.Arbitrary<Mutation>[] = [
    fc
      .constantFrom(...inner)
      .map((path) =>
        mutation('delete-key', 'edits', write(mutateAt(document, path, undefined)), describePath(path)),
      ),
    fc
      .tuple(fc.constantFrom(...inner), hostileValue)
      .map(([path, value]) =>
        mutation(
          'replace-value',
          'edits',
          write(mutateAt(document, path, value)),
          `${describePath(path)} = ${JSON.stringify(value).slice(0, 40)}`,
        ),
      ),
    fc
      .constantFrom(...inner)
      .map((path) =>
        mutation(
          'change-type',
          'edits',
          write(mutateAt(document, path, otherType(valueAt(document, path)))),
          describePath(path),
        ),
      ),
  ];
  if (nonEmptyLists.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...nonEmptyLists), fc.nat(), fc.nat()).map(([path, from, count]) => {
        const list = valueAt(document, path) as Json[];
        const start = from % list.length;
        const kept = list.filter((_, index) => index < start || index > start + (count % list.length));
        return mutation(
          'drop-items',
          'edits',
          write(mutateAt(document, path, kept)),
          `${list.length - kept.length} of ${describePath(path)}`,
        );
      }),
    );
  }
  return arbitraries;
}

/** Any mutation of a JSON file, breaking ones and edits about equally often. */
export function jsonMutation(input: JsonInput): fc.Arbitrary<Mutation> {
  return fc.oneof(fc.oneof(...breakingJsonMutations(input)), fc.oneof(...editingJsonMutations(input)));
}

/** Every top-level key of `document` but the ones its producer may leave out. */
export function topLevelKeysBut(document: Json, optional: readonly string[]): JsonPath[] {
  return isObject(document)
    ? Object.keys(document)
        .filter((key) => !optional.includes(key))
        .map((key) => [key])
    : [];
}
