// Runs a benchmark body against a fake AWS endpoint served by another process (one of the
// *-endpoint.ts scripts), so the endpoint's work counts neither in this process's time nor in its
// peak RSS. The SDK clients are pointed at it through the environment while the body runs.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { useFakeAwsEnvironment } from '../test/fake-aws/environment.js';

async function nextMessage<T>(child: ChildProcess): Promise<T> {
  const [message] = (await once(child, 'message')) as [T];
  return message;
}

export interface FakeEndpoint<Ready> {
  /** What the endpoint announced once it listened: at least its URL. */
  ready: Ready;
  /** Asks the endpoint how many requests it has answered, and waits for its answer. */
  requestCounts<Counts>(): Promise<Counts>;
}

/** Starts `script` (a file next to this one), runs `body` against it, then stops it. */
export async function withFakeEndpoint<Ready extends { url: string }, Result>(
  script: string,
  body: (endpoint: FakeEndpoint<Ready>) => Promise<Result>,
): Promise<Result> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), { stdio: 'inherit' });
  try {
    const ready = await nextMessage<Ready>(child);
    const restoreEnvironment = useFakeAwsEnvironment(ready.url);
    try {
      return await body({
        ready,
        requestCounts: <Counts>() => {
          child.send('requests');
          return nextMessage<Counts>(child);
        },
      });
    } finally {
      restoreEnvironment();
    }
  } finally {
    child.disconnect();
  }
}
