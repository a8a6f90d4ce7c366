// Named pipes (FIFOs) for tests of outputs that are not regular files: a reader process started
// before the writer, as `iamspect audit -o json=pipe & jq . < pipe` would, whose whole input the
// test can compare with what was meant to be written.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface FifoReader {
  /** Everything the reader read, once the writer closed the FIFO (fails after `timeoutMs`). */
  received(timeoutMs?: number): Promise<string>;
}

export function makeFifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/**
 * Starts `cat path > copy`. The copy goes to a file, not a pipe back to this process: a writer
 * that blocks the event loop while it writes must not deadlock against its own reader.
 */
export function readFifo(path: string, copy: string): FifoReader {
  const out = openSync(copy, 'w');
  const child = spawn('cat', [path], { stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return {
    async received(timeoutMs = 3000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill();
          reject(new Error(`the reader of ${path} got no end of input within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
      return readFileSync(copy, 'utf8');
    },
  };
}
