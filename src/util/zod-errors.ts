// One line for the first problem zod found, naming the field the way a user writes it in a file
// (`rules.root-mfa.options.maxAge`), for every reader of user input: config, snapshots, reports.
import type { z } from 'zod';

/** Turns a zod issue path into `rules.root-mfa.options.maxAge` / `suppressions[2].reason`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(top level)';
}

/** The first issue as `path: message`; `within` is the path of the value that was validated. */
export function describeZodError(error: z.ZodError, within: ReadonlyArray<PropertyKey> = []): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = [...within, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? `${formatIssuePath(path)}: ` : '';
    return `${where}unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${formatIssuePath(path)}: ${issue.message}`;
}
