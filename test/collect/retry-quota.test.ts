// The SDK's retry strategy keeps a retry quota (a token bucket: each retry spends tokens, a
// success returns some) that stops retrying when a service keeps failing. Each client must have
// its own: one service failing in bursts must never leave another service's calls unretried, or
// a broken SQS endpoint turns a throttled IAM call into a section error.
import { afterEach, expect, test } from '@jest/globals';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createClients } from '../../src/collect/clients.js';
import type { Clients } from '../../src/collect/clients.js';
import { openSession } from '../../src/collect/index.js';
import type { CollectOptions } from '../../src/collect/index.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import { fastRetryStrategy } from '../fake-aws/fast-retry.js';
import { sessionPerTest } from './session-per-test.js';

let clients: Clients | undefined;
// Declared first, so it runs first: the clients go before the endpoint they talk to.
afterEach(() => {
  clients?.destroy();
  clients = undefined;
});
const sessions = sessionPerTest();

/** Server errors whose retries cost more than the quota's 500 tokens (14 per retry, never refunded). */
const FAILING_CALLS = 20;

test.each<[string, Partial<CollectOptions>]>([
  ['the SDK default', {}],
  ['an injected strategy (the tests)', { retryStrategy: fastRetryStrategy }],
])(
  'with %s, SQS failing on every call leaves IAM its retries: two IAM server errors, then success',
  async (_name, options) => {
    const session = await sessions.start(sampleAccount());
    const { settings } = await openSession({ maxAttempts: 3, ...options });
    clients = createClients(settings);
    const sqs = clients.sqs;
    const iam = clients.iam;

    session.fake.faults.failFraction('sqs:ListQueues', 'serverError', 1, 1);
    for (let call = 0; call < FAILING_CALLS; call++) {
      await expect(sqs.send(new ListQueuesCommand({}))).rejects.toThrow();
    }
    session.fake.faults.failFirst('iam:GetAccountSummary', 'serverError', 2);

    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toHaveProperty('SummaryMap');
    expect(session.fake.requests.count('iam:GetAccountSummary')).toBe(3);
  },
);
