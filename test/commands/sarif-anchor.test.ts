// SARIF results without a source line point at an anchor file. When that file does not exist,
// GitHub code scanning shows them on a missing file, so the run says so, once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli-harness.js';
import { useTempDir } from '../builders/temp-dir.js';

const dir = useTempDir('iamspect-anchor-');
let previousCwd: string;
beforeEach(() => {
  previousCwd = process.cwd();
  process.chdir(dir());
});
afterEach(() => process.chdir(previousCwd));

const NOTE =
  'SARIF results are anchored to .iamspect.yml, which does not exist: GitHub code scanning will show them on a missing file; pass --sarif-anchor FILE';

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

test('no config file and no --sarif-anchor: said once, even when SARIF goes to stdout and to a file', async () => {
  const result = await runCli(['audit', '--demo', '--format', 'sarif', '--output', 'sarif=out.sarif']);
  expect(occurrences(result.stderr, NOTE)).toBe(1);
});

test.each([
  ['no SARIF is written', ['--format', 'json']],
  ['--sarif-anchor names a file that exists', ['--format', 'sarif', '--sarif-anchor', 'main.tf']],
  ['the config file exists (it is the anchor)', ['--format', 'sarif', '--config', 'main.tf']],
])('nothing is said when %s', async (_case, flags) => {
  writeFileSync(join(dir(), 'main.tf'), '');
  const result = await runCli(['audit', '--demo', ...flags]);
  expect(result.stderr).not.toContain('anchored');
});
