// The demo account's complete set of AWS CLI outputs, copied where a test may change them.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';

/** Copies fixtures/demo into `dir` as a directory of saved AWS CLI outputs, and returns `dir`. */
export function copyDemoOutputs(dir: string): string {
  cpSync(join(packageRoot(), 'fixtures', 'demo'), dir, { recursive: true });
  // demo.json pins the demo's account and time; a directory of saved outputs has no such file.
  rmSync(join(dir, 'demo.json'));
  return dir;
}
