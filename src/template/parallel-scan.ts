// Scans many templates with a small pool of worker threads: parsing and mapping are most of a
// template scan's CPU time, and a template does not depend on another, so on a machine with more
// than one core the threads parse while the main thread evaluates. The results come back in the
// order of the files, so every report is the same as a scan on one thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TemplateInput } from './files.js';
import { templateInputs } from './files.js';
import type { ScanOptions, ScanSettings, ScannedFile } from './scan.js';
import { scanInput, scanSettings, stdinReader } from './scan.js';

/** A file sent to a worker, with its place in the scan. */
export interface ScanJob {
  index: number;
  input: TemplateInput;
}

export interface ScanResult {
  index: number;
  scanned: ScannedFile;
}

/** Below this many files, starting the threads (each loads the parser and the mapper) costs more than it saves. */
export const MIN_PARALLEL_FILES = 50;
const MAX_WORKERS = 4;
/** How far the threads may read ahead of the evaluation, per thread: a few snapshots held at a time. */
const AHEAD_PER_WORKER = 4;

export interface PoolOptions {
  /** Threads to start (default: the cores available, at most 4). */
  workers?: number;
  /** Fewer files than this are scanned on the calling thread (default MIN_PARALLEL_FILES). */
  minFiles?: number;
  /** The worker script (default: the compiled scan-worker.js beside this module). */
  workerUrl?: URL;
}

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/**
 * scanTemplates with worker threads: the same results in the same order. A file whose thread
 * stops (a defect of iamspect, or the thread running out of memory) is a failure naming the file,
 * and a new thread carries on with the others, so no file is silently lost.
 */
export async function* scanTemplatesInParallel(
  paths: readonly string[],
  options: ScanOptions = {},
  pool: PoolOptions = {},
): AsyncGenerator<ScannedFile> {
  const settings = scanSettings(options);
  const readStdin = stdinReader(options);
  const inputs = [...templateInputs(paths, settings.cwd, options.stdinName)];
  const workerUrl = pool.workerUrl ?? WORKER_URL;
  const size = Math.min(pool.workers ?? availableParallelism(), MAX_WORKERS);
  const files = inputs.filter((input) => input.kind === 'file').length;
  // Run from the TypeScript sources (as the tests do), there is no compiled worker to start.
  if (size < 1 || files < (pool.minFiles ?? MIN_PARALLEL_FILES) || !existsSync(fileURLToPath(workerUrl))) {
    for (const input of inputs) yield scanInput(input, settings, readStdin);
    return;
  }
  yield* new ScanPool(inputs, settings, workerUrl, size).results(readStdin);
}

interface PoolWorker {
  thread: Worker;
  /** The index of the file it is reading. */
  job?: number;
  /** Why it stopped, when it stopped on an error. */
  error?: Error;
}

class ScanPool {
  /** Indexes of the files not yet sent to a thread, in order. */
  private readonly pending: number[];
  private readonly done = new Map<number, ScannedFile>();
  private readonly workers = new Set<PoolWorker>();
  /** The next index the consumer gets. */
  private delivered = 0;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly inputs: readonly TemplateInput[],
    private readonly settings: ScanSettings,
    private readonly workerUrl: URL,
    private readonly size: number,
  ) {
    this.pending = inputs.flatMap((input, index) => (input.kind === 'file' ? [index] : []));
  }

  async *results(readStdin: () => string): AsyncGenerator<ScannedFile> {
    try {
      for (let n = 0; n < this.size; n++) this.start();
      while (this.delivered < this.inputs.length) {
        const input = this.inputs[this.delivered]!;
        // Standard input and unreadable paths are no work for a thread.
        const scanned =
          input.kind === 'file' ? this.done.get(this.delivered) : scanInput(input, this.settings, readStdin);
        if (scanned === undefined) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        this.done.delete(this.delivered++);
        for (const worker of this.workers) this.dispatch(worker);
        yield scanned;
      }
    } finally {
      this.closed = true;
      await Promise.all([...this.workers].map((worker) => worker.thread.terminate()));
    }
  }

  private start(): void {
    const worker: PoolWorker = { thread: new Worker(this.workerUrl, { workerData: this.settings }) };
    this.workers.add(worker);
    worker.thread.on('message', ({ index, scanned }: ScanResult) => {
      this.done.set(index, scanned);
      delete worker.job;
      this.dispatch(worker);
      this.notify();
    });
    worker.thread.on('error', (error) => (worker.error = error));
    worker.thread.on('exit', (code) => this.stopped(worker, code));
    this.dispatch(worker);
  }

  /** Sends an idle thread the next file, unless the threads are far enough ahead of the consumer. */
  private dispatch(worker: PoolWorker): void {
    if (worker.job !== undefined || this.closed) return;
    const next = this.pending[0];
    if (next === undefined || next >= this.delivered + this.size * AHEAD_PER_WORKER) return;
    this.pending.shift();
    worker.job = next;
    const job: ScanJob = { index: next, input: this.inputs[next]! };
    worker.thread.postMessage(job);
  }

  /** A thread that stopped while reading a file: that file failed, and a new thread takes over. */
  private stopped(worker: PoolWorker, code: number): void {
    this.workers.delete(worker);
    if (this.closed) return;
    if (worker.job !== undefined) {
      const why = worker.error?.message ?? `exit code ${code}`;
      const file = this.inputs[worker.job]!.file;
      const message = `not analysed: the thread scanning it stopped (${why})`;
      this.done.set(worker.job, { kind: 'failure', failure: { file, message } });
    }
    if (this.pending.length > 0 && this.workers.size < this.size) this.start();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
