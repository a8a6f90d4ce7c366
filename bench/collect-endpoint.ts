// The fake AWS endpoint for bench/collect, in its own process (started with fork): like the real
// AWS, its CPU and memory are not the collector's, so the benchmark measures iamspect alone.
// Protocol over the IPC channel: on start it sends { url, perEntityRequests }; asked 'requests',
// it answers { requests, iamRequests } (the total it received, and how many were IAM or STS calls).
import { BUDGET_ACCOUNT_SIZE, largeAccount } from '../test/fake-aws/accounts.js';
import type { FakeAccount } from '../test/fake-aws/model.js';
import { startFakeAws } from '../test/fake-aws/server.js';

export const LATENCY_MS = 25;
const PAGE_SIZE = 1_000;

export interface EndpointReady {
  url: string;
  perEntityRequests: number;
}

function listPages(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}

function inlineCount(principal: { inlinePolicies: Record<string, unknown> }): number {
  return Object.keys(principal.inlinePolicies).length;
}

/**
 * Requests the classic per-entity walk needs for the same data (the credential report aside):
 * - users: ListUsers pages; per user ListUserPolicies, ListAttachedUserPolicies, ListGroupsForUser,
 *   ListAccessKeys, ListMFADevices, and one GetUserPolicy per inline policy;
 * - groups: ListGroups pages; per group ListGroupPolicies, ListAttachedGroupPolicies, GetGroupPolicy each;
 * - roles: ListRoles pages; per role GetRole (ListRoles omits RoleLastUsed), ListRolePolicies,
 *   ListAttachedRolePolicies, GetRolePolicy each;
 * - customer managed policies: ListPolicies pages; per policy GetPolicy and GetPolicyVersion.
 */
export function perEntityRequestCount(account: FakeAccount): number {
  const customerPolicies = account.policies.filter((policy) => !policy.awsManaged);
  const users =
    listPages(account.users.length) + account.users.reduce((sum, user) => sum + 5 + inlineCount(user), 0);
  const groups =
    listPages(account.groups.length) + account.groups.reduce((sum, group) => sum + 2 + inlineCount(group), 0);
  const roles =
    listPages(account.roles.length) + account.roles.reduce((sum, role) => sum + 3 + inlineCount(role), 0);
  const policies = listPages(customerPolicies.length) + 2 * customerPolicies.length;
  return users + groups + roles + policies;
}

async function serve(): Promise<void> {
  const account = largeAccount(BUDGET_ACCOUNT_SIZE);
  // A report IAM generated within the last 4 hours: GenerateCredentialReport answers COMPLETE at
  // once. (A first report takes IAM seconds to build; that wait is AWS's, not iamspect's.)
  account.credentialReport.status = 'complete';
  const fake = await startFakeAws(account, { latencyMs: LATENCY_MS });
  process.on('message', (message) => {
    if (message !== 'requests') return;
    const iamRequests = fake.requests.entries.filter(
      (entry) => entry.action.startsWith('iam:') || entry.action.startsWith('sts:'),
    ).length;
    process.send?.({ requests: fake.requests.total(), iamRequests });
  });
  process.on('disconnect', () => void fake.close());
  process.send?.({
    url: fake.url,
    perEntityRequests: perEntityRequestCount(account),
  } satisfies EndpointReady);
}

if (process.send) await serve();
