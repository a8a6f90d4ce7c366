// A question (`can`, `paths`, `who-can`) answers from one account's policies: its start-up must not
// load the rules, the engine, the report formats, the configuration file's parser, the template
// readers or the live collectors. Loading them was a third of `can`'s time at full size (issue 12).
// The test follows the static imports of each command module through the sources; `import type`
// loads nothing, and a dynamic import() loads only when its branch runs (the collectors, live).
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `import x from '...'` and `export ... from '...'`, not their `type` forms; `import '...'` too. */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm;

/** Every source file (relative to the root) and package `module` loads, statically. */
function staticallyLoaded(module: string): Set<string> {
  const seen = new Set<string>();
  const pending = [module];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('src/')) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, specifier] of text.matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('node:')) continue;
      if (!specifier!.startsWith('.')) {
        pending.push(specifier!);
        continue;
      }
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), specifier!.replace(/\.js$/, '.ts')));
      if (!existsSync(join(ROOT, target))) throw new Error(`${file}: cannot follow ${specifier}`);
      pending.push(target);
    }
  }
  return seen;
}

/** What a question has no use for: each entry a path prefix or a package name. */
const NOT_FOR_QUESTIONS = [
  'src/rules/',
  'src/engine/',
  'src/compliance/',
  'src/template/',
  'src/report/render.ts',
  'src/config.ts',
  'src/collect/index.ts',
  'src/collect/org.ts',
  '@aws-sdk/',
  'yaml',
  'table',
];

describe.each(['can', 'paths', 'who-can'])('iamspect %s', (command) => {
  test('loads neither rules, engine, report formats, configuration, templates nor collectors', () => {
    const loaded = [...staticallyLoaded(`src/commands/${command}.ts`)];
    const unneeded = loaded.filter((file) => NOT_FOR_QUESTIONS.some((prefix) => file.startsWith(prefix)));
    expect(unneeded).toEqual([]);
  });
});
