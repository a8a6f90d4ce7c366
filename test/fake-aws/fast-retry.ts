// The SDK's own adaptive retry strategy with its waits shrunk to a millisecond, so tests exercise
// the real retry decisions (what is throttling, what is transient, how many attempts) without the
// real backoff of up to 20 s per attempt, or the rate limiter's 0.5 requests/s floor after a throttle.
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { RetryStrategyV2 } from '@smithy/types';

export function fastRetryStrategy(maxAttempts: number): RetryStrategyV2 {
  return new AdaptiveRetryStrategy(maxAttempts, {
    maxAttempts,
    baseDelay: 1,
    backoff: { computeNextBackoffDelay: () => 1, setDelayBase: () => undefined },
    rateLimiter: new DefaultRateLimiter({ minFillRate: 10_000, minCapacity: 10_000 }),
  });
}
