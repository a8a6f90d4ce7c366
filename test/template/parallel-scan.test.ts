// The worker pool of a parallel scan, with stand-in worker scripts: the compiled scan-worker.js
// exists only in a build, and these tests are about the pool (order, a thread that stops, stdin),
// not about reading a template, which scan.test.ts covers on the calling thread.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PoolOptions } from '../../src/template/parallel-scan.js';
import { scanTemplatesInParallel } from '../../src/template/parallel-scan.js';
import type { ScanOptions, ScannedFile } from '../../src/template/scan.js';
import { useTempDir } from '../builders/temp-dir.js';

const root = useTempDir('iamspect-parallel-');
const USER_YAML = 'Resources:\n  Admin:\n    Type: AWS::IAM::User\n';
const FILES = 30;

/**
 * A stand-in worker: answers every file with a not-template result, later files sooner (so the
 * answers arrive out of order), and stops on a file whose name says `crash` the way `how` says.
 */
function standInWorker(how: 'throw' | 'exit'): URL {
  const stop = how === 'throw' ? "throw new Error('defect in the scan')" : 'process.exit(7)';
  const script = `
    import { parentPort } from 'node:worker_threads';
    parentPort.on('message', ({ index, input }) => {
      if (input.file.includes('crash')) ${stop};
      setTimeout(() => parentPort.postMessage({ index, scanned: { kind: 'not-template', file: input.file } }), 30 - index);
    });`;
  const path = join(root(), 'stand-in-worker.mjs');
  writeFileSync(path, script);
  return pathToFileURL(path);
}

/** FILES template files (the stand-in does not read them), named in scan order. */
function templateFiles(crashing = -1): string[] {
  const names = Array.from(
    { length: FILES },
    (_, n) => `stack-${String(n).padStart(2, '0')}${n === crashing ? '-crash' : ''}.yaml`,
  );
  for (const name of names) writeFileSync(join(root(), name), USER_YAML);
  return names;
}

async function scanned(
  paths: string[],
  pool: PoolOptions,
  options: ScanOptions = {},
): Promise<ScannedFile[]> {
  const results: ScannedFile[] = [];
  for await (const file of scanTemplatesInParallel(paths, { cwd: root(), ...options }, pool))
    results.push(file);
  return results;
}

function named(file: ScannedFile): string {
  if (file.kind === 'failure') return `failed ${file.failure.file}: ${file.failure.message}`;
  return `${file.kind} ${file.kind === 'template' ? file.snapshot.source.path : file.file}`;
}

describe('a parallel scan', () => {
  test('delivers the files in their order, whatever order the threads finish in', async () => {
    const names = templateFiles();
    const results = await scanned(['.'], { workers: 3, minFiles: 1, workerUrl: standInWorker('exit') });
    expect(results.map(named)).toEqual(names.map((name) => `not-template ${name}`));
  });

  test.each<['throw' | 'exit', string]>([
    ['throw', 'defect in the scan'],
    ['exit', 'exit code 7'],
  ])(
    'a thread that stops (%s) fails the file it was reading, by name; every other file is scanned',
    async (how, why) => {
      const names = templateFiles(11);
      const results = await scanned(['.'], { workers: 2, minFiles: 1, workerUrl: standInWorker(how) });
      expect(results.map(named)).toEqual(
        names.map((name, n) =>
          n === 11
            ? `failed ${name}: not analysed: the thread scanning it stopped (${why})`
            : `not-template ${name}`,
        ),
      );
    },
  );

  test('standard input and unreadable paths are read on the calling thread, in their place', async () => {
    const names = templateFiles();
    const results = await scanned(
      [names[0]!, '-', 'missing.yaml', names[1]!],
      { workers: 2, minFiles: 1, workerUrl: standInWorker('exit') },
      { readStdin: () => USER_YAML, stdinName: 'piped.yaml' },
    );
    expect(results.map((file) => file.kind)).toEqual(['not-template', 'template', 'failure', 'not-template']);
    expect(results.map(named)[1]).toBe('template piped.yaml');
  });

  test('fewer files than the threshold are scanned on the calling thread, with no thread started', async () => {
    templateFiles();
    const results = await scanned(['.'], {
      workers: 2,
      minFiles: FILES + 1,
      workerUrl: standInWorker('exit'),
    });
    expect(results.map((file) => file.kind)).toEqual(Array.from({ length: FILES }, () => 'template'));
  });
});
