// A question (`can`, `paths`, `who-can`) answers from one account's policies: its start-up must not
// load the rules, the engine, the report formats, the configuration file's parser, the template
// readers or the live collectors. Loading them was a third of `can`'s time at full size (issue 12).
// The test follows the static imports of each command module through the sources; `import type`
// loads nothing, and a dynamic import() loads only when its branch runs (the collectors, live).
import { describe, expect, test } from '@jest/globals';
import { staticallyLoaded } from '../builders/imports.js';

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
