// Shared set-up for the collection contract tests: a fake AWS endpoint per test, the SDK pointed
// at it, and collectSnapshot with a virtual clock (credential-report polls take no real time)
// and millisecond retry backoff.
import type { CollectOptions, Progress } from '../../src/collect/index.js';
import { collectSnapshot } from '../../src/collect/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { useFakeAwsEnvironment } from '../fake-aws/environment.js';
import { fastRetryStrategy } from '../fake-aws/fast-retry.js';
import type { FakeAccount } from '../fake-aws/model.js';
import { FAKE_NOW } from '../fake-aws/model.js';
import type { FakeAws } from '../fake-aws/server.js';
import { startFakeAws } from '../fake-aws/server.js';

export interface VirtualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep requested, in order. */
  sleeps: number[];
}

/** Starts at FAKE_NOW; sleeping advances it instantly. */
export function virtualClock(start = FAKE_NOW.getTime()): VirtualClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}

export interface FakeSession {
  fake: FakeAws;
  /** Collects from the fake with test timing; options override the defaults. */
  collect(options?: Partial<CollectOptions>, progress?: Progress): Promise<Snapshot>;
  close(): Promise<void>;
}

export async function startSession(account: FakeAccount, region?: string): Promise<FakeSession> {
  const fake = await startFakeAws(account);
  const restoreEnvironment = useFakeAwsEnvironment(fake.url, region);
  return {
    fake,
    collect: (options = {}, progress) => {
      const clock = virtualClock();
      return collectSnapshot(
        { now: clock.now, sleep: clock.sleep, retryStrategy: fastRetryStrategy, ...options },
        progress,
      );
    },
    async close() {
      restoreEnvironment();
      await fake.close();
    },
  };
}
