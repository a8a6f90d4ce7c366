// What JSON.parse accepts but iamspect must not: a key given twice in one object (JSON.parse keeps
// the last value and silently drops the first, so a snapshot or AWS CLI output edited or merged by
// hand could lose a user), and nesting so deep that code walking the result would exhaust the stack.
import { MAX_NESTING_DEPTH } from './input-limits.js';

export type JsonStructureProblem =
  { kind: 'duplicate-key'; key: string; offset: number } | { kind: 'too-deep'; offset: number };

/**
 * The first duplicate key or over-deep container in `text`, which JSON.parse has already parsed
 * into `value`; undefined when there is none.
 *
 * A character-by-character scan in JavaScript costs as much as JSON.parse itself on a large
 * snapshot, so it runs only when a cheap test cannot rule a problem out. Every key is a closing
 * quote followed by a colon, so the number of `"` + optional whitespace + `:` in the text is at
 * least the number of keys written; a duplicate makes the parsed value hold fewer keys than were
 * written. Equal counts, and a value no deeper than the limit, therefore mean neither problem is
 * there. (Unequal counts may also come from a string holding `":`; the scan then finds nothing.)
 */
export function findJsonStructureProblem(
  text: string,
  value: unknown,
  maxDepth = MAX_NESTING_DEPTH,
): JsonStructureProblem | undefined {
  const parsedKeys = typeof value === 'object' && value !== null ? countKeys(value, 1, maxDepth) : 0;
  if (parsedKeys !== undefined && parsedKeys === countKeyEnds(text)) return undefined;
  return scanForProblem(text, maxDepth);
}

const KEY_END = /"[ \t\n\r]*:/g;

function countKeyEnds(text: string): number {
  let count = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.test(text)) count++;
  return count;
}

/**
 * Keys in every object of a parsed value; undefined when it nests deeper than `maxDepth`. Called
 * only on objects and arrays: most values of a snapshot are strings, and testing a child's type
 * in the loop instead of in a call for every child halves the walk.
 */
function countKeys(container: object, depth: number, maxDepth: number): number | undefined {
  if (depth > maxDepth) return undefined;
  // Plain loops, no callback: this walks every value of a large snapshot.
  let count = 0;
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index++) {
      const item: unknown = container[index];
      if (typeof item !== 'object' || item === null) continue;
      const keys = countKeys(item, depth + 1, maxDepth);
      if (keys === undefined) return undefined;
      count += keys;
    }
    return count;
  }
  for (const key in container) {
    count++;
    const item = (container as Record<string, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    const keys = countKeys(item, depth + 1, maxDepth);
    if (keys === undefined) return undefined;
    count += keys;
  }
  return count;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Keys seen so far in one object. Most objects hold a handful of keys, for which a linear search
 * beats allocating a Set; one holding many (a map keyed by account id) switches to a Set.
 */
class KeySet {
  private static readonly LINEAR_LIMIT = 16;
  private readonly keys: string[] = [];
  private set: Set<string> | undefined;

  /** Adds `key`; false when it was already there. */
  add(key: string): boolean {
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.keys.includes(key)) return false;
    this.keys.push(key);
    if (this.keys.length > KeySet.LINEAR_LIMIT) this.set = new Set(this.keys);
    return true;
  }
}

/** Offset of the quote closing the string that opens at `start`. */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * Follows the structure of valid JSON text, tracking the keys of each open object. Keys are
 * compared decoded, so `"a"` and `"\u0061"` are the same key, as they are to JSON.parse.
 */
function scanForProblem(text: string, maxDepth: number): JsonStructureProblem | undefined {
  // One entry per open container: the keys of an object, null for an array.
  const open: Array<KeySet | null> = [];
  // A string is a key when it comes right after `{`, or after `,` inside an object.
  let expectingKey = false;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text.charCodeAt(offset);
    if (char === QUOTE) {
      const end = closingQuote(text, offset);
      if (expectingKey) {
        const raw = text.slice(offset + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (!open[open.length - 1]!.add(key)) return { kind: 'duplicate-key', key, offset };
        expectingKey = false;
      }
      offset = end;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (open.length === maxDepth) return { kind: 'too-deep', offset };
      const isObject = char === OPEN_BRACE;
      open.push(isObject ? new KeySet() : null);
      expectingKey = isObject;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      open.pop();
    } else if (char === COMMA) {
      expectingKey = open[open.length - 1] !== null;
    }
  }
  return undefined;
}
