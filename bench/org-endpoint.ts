// The fake AWS endpoint for bench/org, in its own process (started with fork), holding an
// organization of 1,000 accounts of about 50 principals each. Protocol over the IPC channel: on
// start it sends { url }; asked 'requests', it answers with the requests it received per account.
import type { FakeAccountInit } from '../test/fake-aws/model.js';
import {
  allowDocument,
  fakeAccessKey,
  fakeGroup,
  fakeManagedPolicy,
  fakeRole,
  fakeUser,
  trustDocument,
} from '../test/fake-aws/model.js';
import { organizationWorld } from '../test/fake-aws/organization.js';
import { startFakeAws } from '../test/fake-aws/server.js';

export const LATENCY_MS = 25;
export const ACCOUNTS = 1_000;
/** Per account: 30 users in 5 groups, 14 roles plus the audit role, and 5 customer managed policies. */
export const PRINCIPALS_PER_ACCOUNT = 50;

export interface EndpointReady {
  url: string;
}

export interface RequestCounts {
  total: number;
  /** Requests signed with each account's credentials (the management account's include every AssumeRole). */
  perAccount: Record<string, number>;
}

/** A member account shaped like a small workload account. */
function workloadAccount(id: string): FakeAccountInit {
  const policyArn = (index: number) => `arn:aws:iam::${id}:policy/app-${index}`;
  return {
    // A report IAM generated within the last 4 hours: no polling (that wait is AWS's, not iamspect's).
    credentialReport: { status: 'complete' },
    policies: Array.from({ length: 5 }, (_, index) =>
      fakeManagedPolicy(
        `app-${index}`,
        allowDocument(['s3:GetObject', 's3:PutObject'], [`arn:aws:s3:::app-${index}/*`]),
      ),
    ),
    groups: Array.from({ length: 5 }, (_, index) =>
      fakeGroup(`team-${index}`, { attachedPolicyArns: [policyArn(index)] }),
    ),
    users: Array.from({ length: 30 }, (_, index) =>
      fakeUser(`user-${index}`, {
        groups: [`team-${index % 5}`],
        accessKeys: [fakeAccessKey()],
        inlinePolicies:
          index % 10 === 0
            ? { own: allowDocument(['sqs:SendMessage'], [`arn:aws:sqs:eu-west-1:${id}:q-${index}`]) }
            : {},
      }),
    ),
    roles: Array.from({ length: 14 }, (_, index) =>
      fakeRole(`service-${index}`, {
        trustPolicy: trustDocument({ Service: 'lambda.amazonaws.com' }),
        attachedPolicyArns: [policyArn(index % 5)],
      }),
    ),
  };
}

async function serve(): Promise<void> {
  const world = organizationWorld({ memberCount: ACCOUNTS - 1, member: workloadAccount });
  world.management.credentialReport.status = 'complete';
  const fake = await startFakeAws(world.management, { latencyMs: LATENCY_MS });
  process.on('message', (message) => {
    if (message !== 'requests') return;
    process.send?.({
      total: fake.requests.total(),
      perAccount: Object.fromEntries(fake.requests.perAccount()),
    } satisfies RequestCounts);
  });
  process.on('disconnect', () => void fake.close());
  process.send?.({ url: fake.url } satisfies EndpointReady);
}

if (process.send) await serve();
