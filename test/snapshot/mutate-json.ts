// Random edits of a valid JSON document for property tests: replace or delete the value at one
// path, so the input stays close to valid and reaches deep into the readers.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = Array<string | number>;
/** An object or array, indexed the way JavaScript allows for both. */
type Container = { [key: string | number]: Json };

/** Every path in the document, the root included. */
export function jsonPaths(value: Json, path: JsonPath = []): JsonPath[] {
  const children: JsonPath[] = Array.isArray(value)
    ? value.flatMap((item, index) => jsonPaths(item, [...path, index]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => jsonPaths(item, [...path, key]))
      : [];
  return [path, ...children];
}

/** A copy of `document` with the value at `path` replaced, or removed when `replacement` is undefined. */
export function mutateAt(document: Json, path: JsonPath, replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const copy = structuredClone(document);
  let parent = copy as Container;
  for (const key of path.slice(0, -1)) parent = parent[key] as Container;
  const last = path[path.length - 1]!;
  if (replacement !== undefined) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** Up to `maxEdits` random replacements or deletions applied to `document`. */
export function mutatedJson(document: Json, maxEdits = 3): fc.Arbitrary<Json | undefined> {
  const edit = fc.record({
    path: fc.constantFrom(...jsonPaths(document)),
    replacement: fc.option(fc.jsonValue() as fc.Arbitrary<Json>, { nil: undefined }),
  });
  return fc.array(edit, { minLength: 1, maxLength: maxEdits }).map((edits) => {
    let current: Json | undefined = document;
    for (const { path, replacement } of edits) {
      // A path from the original may no longer exist after an earlier edit; skip it then.
      if (current === undefined || !hasPath(current, path)) continue;
      current = mutateAt(current, path, replacement);
    }
    return current;
  });
}

function hasPath(document: Json, path: JsonPath): boolean {
  let node: Json = document;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Container)[key]!;
  }
  return true;
}
