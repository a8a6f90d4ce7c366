// CI check of the template scan's real worker threads, which the test suite cannot start (jest
// runs the TypeScript sources; the worker is the compiled dist/src/template/scan-worker.js):
// every fixture template, copied twice so the scan is large enough for threads, scanned on two
// threads must give exactly what one thread gives, prototypes included (what a worker posts back
// is a structured clone). Run after `npm run build`.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { MIN_PARALLEL_FILES, scanTemplatesInParallel } from '../dist/src/template/parallel-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'iamspect-parallel-'));
try {
  for (const copy of ['a', 'b']) cpSync('fixtures/templates', join(dir, copy), { recursive: true });
  const now = new Date();
  const scan = async (workers) => {
    const results = [];
    for await (const scanned of scanTemplatesInParallel([dir], { now }, { workers })) results.push(scanned);
    return results;
  };
  const threads = await scan(2);
  const oneThread = await scan(0);
  if (threads.length < MIN_PARALLEL_FILES) {
    throw new Error(`only ${threads.length} files: fewer than ${MIN_PARALLEL_FILES} never start a thread`);
  }
  if (!isDeepStrictEqual(threads, oneThread)) {
    const first = threads.findIndex((scanned, index) => !isDeepStrictEqual(scanned, oneThread[index]));
    throw new Error(
      `two threads and one differ, first at file ${first}: ${JSON.stringify(threads[first])?.slice(0, 300)}`,
    );
  }
  console.log(`${threads.length} templates: two threads give exactly what one gives`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
