// One fake endpoint session per collection test, closed after it. Kept apart from harness.ts,
// which the benchmarks load with plain node: this module needs jest's afterEach.
import { afterEach } from '@jest/globals';
import type { FakeAccount } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { startSession } from './harness.js';

export interface SessionPerTest {
  /** Starts the running test's session (see startSession); it is closed after the test. */
  start(account: FakeAccount, region?: string): Promise<FakeSession>;
  /** The session the running test started: for helpers and assertions after a collect. */
  readonly current: FakeSession;
}

/**
 * One fake endpoint session per test, closed after it (with the environment it set) even when the
 * test fails. Call it once, at the top level of a test file.
 */
export function sessionPerTest(): SessionPerTest {
  let current: FakeSession | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    async start(account, region) {
      current = await startSession(account, region);
      return current;
    },
    get current() {
      if (!current) throw new Error('no session: the test has not called sessions.start');
      return current;
    },
  };
}
