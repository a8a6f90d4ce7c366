// The API-call budget: collection cost grows with principals / 1,000, not with principals.
import { afterEach, expect, test } from '@jest/globals';
import { BUDGET_ACCOUNT_SIZE, largeAccount } from '../fake-aws/accounts.js';
import type { FakeSession } from './harness.js';
import { startSession } from './harness.js';

let session: FakeSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

test('10,000 users, 5,000 roles and 2,000 policies are collected with at most 40 requests', async () => {
  session = await startSession(largeAccount(BUDGET_ACCOUNT_SIZE));
  const snapshot = await session.collect();

  expect(session.fake.requests.total()).toBeLessThanOrEqual(40);
  const details = snapshot.sections.authorizationDetails?.data;
  expect(details?.users).toHaveLength(10_000);
  expect(details?.roles).toHaveLength(5_000);
  expect(details?.policies).toHaveLength(2_000);
  expect(snapshot.sections.credentialReport?.data?.rows).toHaveLength(10_001);
  // 1,000 entities a page: 10 pages of users, 5 of roles, 2 of customer policies, 1 of groups, 1 of AWS policies.
  expect(session.fake.requests.count('iam:GetAccountAuthorizationDetails')).toBe(19);
}, 60_000);
