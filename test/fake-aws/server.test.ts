// The fake endpoint's own contract, checked with the real SDK clients: the awsJson1_1 protocol that
// later families (Organizations, Config...) need, each service's error shapes as the SDK sees them,
// and the injection knobs the collection tests rely on.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { GetAccountSummaryCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { awsErrorCode, isAccessDenied, sectionFailure } from '../../src/collect/failures.js';
import { useFakeAwsEnvironment } from './environment.js';
import { fastRetryStrategy } from './fast-retry.js';
import { fakeAccount } from './model.js';
import { FakeAwsError } from './protocols.js';
import type { FakeService } from './service.js';
import type { FakeAws } from './server.js';
import { DEFAULT_SERVICES, startFakeAws } from './server.js';

/** A minimal Organizations, enough to prove the JSON protocol; the Organizations collector will bring the real one. */
const organizationsForTest: FakeService = {
  signingName: 'organizations',
  actionPrefix: 'organizations',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'AWSOrganizationsV20161128' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'TooManyRequestsException', status: 400 },
    serverError: { code: 'ServiceException', status: 500 },
  },
  operations: {
    DescribeOrganization: (_input, { account }) => ({
      Organization: { Id: 'o-abcdef1234', FeatureSet: 'ALL', MasterAccountId: account.id },
    }),
    ListAccounts: (input) => {
      if (input.MaxResults !== 2)
        throw new FakeAwsError('InvalidInputException', 'expected MaxResults 2 as a number');
      return {
        Accounts: [
          { Id: '111122223333', JoinedTimestamp: new Date('2020-01-21T12:26:40Z'), Status: 'ACTIVE' },
        ],
      };
    },
  },
};

let fake: FakeAws;
let restoreEnvironment: () => void;
let organizations: OrganizationsClient;
let iam: IAMClient;

beforeEach(async () => {
  fake = await startFakeAws(fakeAccount(), { services: [...DEFAULT_SERVICES, organizationsForTest] });
  restoreEnvironment = useFakeAwsEnvironment(fake.url);
  organizations = new OrganizationsClient({ retryStrategy: fastRetryStrategy(3) });
  iam = new IAMClient({ retryStrategy: fastRetryStrategy(3) });
});
afterEach(async () => {
  organizations.destroy();
  iam.destroy();
  restoreEnvironment();
  await fake.close();
});

describe('awsJson1_1', () => {
  test('routes by X-Amz-Target, reads the JSON body, and sends timestamps as epoch seconds', async () => {
    const described = await organizations.send(new DescribeOrganizationCommand({}));
    expect(described.Organization).toEqual({
      Id: 'o-abcdef1234',
      FeatureSet: 'ALL',
      MasterAccountId: '123456789012',
    });
    const listed = await organizations.send(new ListAccountsCommand({ MaxResults: 2 }));
    expect(listed.Accounts?.[0]?.JoinedTimestamp).toEqual(new Date('2020-01-21T12:26:40Z'));
    expect(fake.requests.actions()).toEqual([
      'organizations:DescribeOrganization',
      'organizations:ListAccounts',
    ]);
  });

  test('AccessDenied arrives as AccessDeniedException (name only, no Code) and still counts as denied', async () => {
    fake.faults.deny('organizations:DescribeOrganization');
    const error = await organizations
      .send(new DescribeOrganizationCommand({}))
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('AccessDeniedException');
    expect((error as { Code?: string }).Code).toBeUndefined();
    expect(isAccessDenied(error)).toBe(true);
    expect(sectionFailure(error).status).toBe('denied');
  });

  test("the service's throttling error is retried", async () => {
    fake.faults.failFirst('organizations:DescribeOrganization', 'throttling', 2);
    await organizations.send(new DescribeOrganizationCommand({}));
    expect(fake.requests.count('organizations:DescribeOrganization')).toBe(3);
  });
});

describe('AWS Query errors', () => {
  test('AccessDenied is unmodelled in IAM: name and Code are both the wire code', async () => {
    fake.faults.deny('iam:GetAccountSummary');
    const error = await iam.send(new GetAccountSummaryCommand({})).catch((caught: unknown) => caught);
    expect([(error as Error).name, awsErrorCode(error)]).toEqual(['AccessDenied', 'AccessDenied']);
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(403);
  });

  test('an operation the fake does not implement is answered InvalidAction, and counted', async () => {
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'InvalidAction' });
    expect(fake.requests.actions()).toEqual(['iam:ListUsers']);
  });
});

describe('injection', () => {
  test('latency delays every response', async () => {
    fake.latencyMs = 60;
    const started = Date.now();
    await iam.send(new GetAccountSummaryCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  test('a seeded fraction fails the same calls on every run', async () => {
    const outcomes = async (): Promise<boolean[]> => {
      fake.faults.clear();
      fake.faults.failFraction('iam:GetAccountSummary', { code: 'Boom', status: 400, message: 'no' }, 0.5, 7);
      const results: boolean[] = [];
      for (let call = 0; call < 12; call++) {
        results.push(
          await iam.send(new GetAccountSummaryCommand({})).then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });
});

test('other access-denied spellings (EC2, older APIs) count as denied; other errors do not', () => {
  const named = (name: string) => Object.assign(new Error('refused'), { name });
  expect(
    ['UnauthorizedOperation', 'Client.UnauthorizedOperation', 'AuthorizationError'].map((name) =>
      isAccessDenied(named(name)),
    ),
  ).toEqual([true, true, true]);
  expect(
    ['ThrottlingException', 'NoSuchEntityException', 'InvalidClientTokenId'].map((name) =>
      isAccessDenied(named(name)),
    ),
  ).toEqual([false, false, false]);
});
