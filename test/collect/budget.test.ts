// The API-call budget: collection cost grows with principals / 1,000, not with principals. The
// guard-rail sections (Organizations, regions, Config, Access Analyzer, contacts, alarms) cost a
// fixed number of calls per account and enabled region, whatever the account holds.
import { expect, test } from '@jest/globals';
import { BUDGET_ACCOUNT_SIZE, largeAccount } from '../fake-aws/accounts.js';
import { fakeAccount } from '../fake-aws/model.js';
import type { RequestLog } from '../fake-aws/server.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

function isIamOrSts(action: string): boolean {
  return action.startsWith('iam:') || action.startsWith('sts:');
}

/** Requests by kind: the IAM (and STS) collection, and the guard rails. */
function split(requests: RequestLog): { iam: number; guardRails: number } {
  const iam = requests.entries.filter((entry) => isIamOrSts(entry.action)).length;
  return { iam, guardRails: requests.total() - iam };
}

test('10,000 users, 5,000 roles and 2,000 policies: at most 40 IAM requests, and no more guard-rail requests than an empty account', async () => {
  let session = await sessions.start(fakeAccount({ id: '210987654321' }));
  await session.collect();
  const empty = split(session.fake.requests);
  await session.close();

  session = await sessions.start(largeAccount(BUDGET_ACCOUNT_SIZE));
  const snapshot = await session.collect();
  const large = split(session.fake.requests);

  expect(large.iam).toBeLessThanOrEqual(40);
  expect(large.guardRails).toBe(empty.guardRails);
  const details = snapshot.sections.authorizationDetails?.data;
  expect(details?.users).toHaveLength(10_000);
  expect(details?.roles).toHaveLength(5_000);
  expect(details?.policies).toHaveLength(2_000);
  expect(snapshot.sections.credentialReport?.data?.rows).toHaveLength(10_001);
  // 1,000 entities a page: 10 pages of users, 5 of roles, 2 of customer policies, 1 of groups, 1 of AWS policies.
  expect(session.fake.requests.count('iam:GetAccountAuthorizationDetails')).toBe(19);
}, 60_000);
