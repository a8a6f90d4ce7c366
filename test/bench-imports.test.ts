// The benchmarks run with plain node (`npm run bench`), outside jest, yet several reuse the test
// suite's fake endpoint and fixtures: none of what they load may need jest's globals, or the
// benchmark stops at its first import (as bench/collect-resources once did through a shared
// test harness).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ROOT, staticallyLoaded } from './builders/imports.js';

const BENCHMARKS = readdirSync(join(ROOT, 'bench'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => `bench/${name}`);

describe.each(BENCHMARKS)('%s', (benchmark) => {
  test('loads nothing that needs jest', () => {
    const loaded = [...staticallyLoaded(benchmark)];
    expect(loaded.filter((file) => file === '@jest/globals' || file === 'jest')).toEqual([]);
  });
});
