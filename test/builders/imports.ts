// What a module loads: its static imports followed through the sources, for tests that pin what a
// command's start-up reads. `import type` loads nothing, and a dynamic import() loads only when its
// branch runs, so neither is followed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `import x from '...'` and `export ... from '...'`, not their `type` forms; `import '...'` too. */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm;

/** Every project file (relative to the root) and package `module` loads, statically. */
export function staticallyLoaded(module: string): Set<string> {
  const seen = new Set<string>();
  const pending = [module];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // A package is not followed; the project's own sources, tests and benchmarks are.
    if (!/^(src|test|bench)\//.test(file)) continue;
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
