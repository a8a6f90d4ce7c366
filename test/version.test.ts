import { readFileSync } from 'node:fs';
import { TOOL } from '../src/version.js';
import { packageRoot } from '../src/util/package-root.js';

test('the version reported in outputs is the package version', () => {
  const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
  expect(TOOL.version).toBe(pkg.version);
});
