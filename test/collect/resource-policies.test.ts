// Contract tests for the resource-policy collectors (SNS, SQS, KMS, Lambda, Secrets Manager, ECR)
// against the fake endpoint, each over its own protocol with the real SDK clients: pagination, no
// policy, a policy the caller may not read (named, not passed), throttling, an empty account.
import { describe, expect, test } from '@jest/globals';
import type { SectionName } from '../../src/snapshot/schema.js';
import type { FakePolicyResource, FakePolicyService } from '../fake-aws/model.js';
import { fakeAccount } from '../fake-aws/model.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const REGION = 'us-east-1';
const OPEN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'x:Y', Resource: '*' }],
};

interface Case {
  section: SectionName;
  service: FakePolicyService;
  get: string;
  list: string;
  /** List pages the real service sends for REAL_PAGES_RESOURCES resources, given what the collector asks. */
  realPages: number;
  arn: (name: string) => string;
  /** Does every resource of this service have a policy (SNS topics, KMS keys)? */
  alwaysHasPolicy?: boolean;
}

const CASES: Case[] = [
  {
    section: 'snsTopics',
    service: 'sns',
    list: 'sns:ListTopics',
    realPages: 2,
    get: 'sns:GetTopicAttributes',
    arn: (n) => `arn:aws:sns:${REGION}:123456789012:${n}`,
  },
  {
    section: 'sqsQueues',
    service: 'sqs',
    list: 'sqs:ListQueues',
    realPages: 1,
    get: 'sqs:GetQueueAttributes',
    arn: (n) => `arn:aws:sqs:${REGION}:123456789012:${n}`,
  },
  {
    section: 'kmsKeys',
    service: 'kms',
    list: 'kms:ListKeys',
    realPages: 1,
    get: 'kms:GetKeyPolicy',
    arn: (n) => `arn:aws:kms:${REGION}:123456789012:key/${n}`,
  },
  {
    section: 'lambdaFunctions',
    service: 'lambda',
    list: 'lambda:ListFunctions',
    realPages: 3,
    get: 'lambda:GetPolicy',
    arn: (n) => `arn:aws:lambda:${REGION}:123456789012:function:${n}`,
  },
  {
    section: 'secrets',
    service: 'secretsmanager',
    list: 'secretsmanager:ListSecrets',
    realPages: 2,
    get: 'secretsmanager:GetResourcePolicy',
    arn: (n) => `arn:aws:secretsmanager:${REGION}:123456789012:secret:${n}-a1B2c3`,
  },
  {
    section: 'ecrRepositories',
    service: 'ecr',
    list: 'ecr:DescribeRepositories',
    realPages: 2,
    get: 'ecr:GetRepositoryPolicy',
    arn: (n) => `arn:aws:ecr:${REGION}:123456789012:repository/${n}`,
  },
];

/** Five resources (three pages of two): one open, one without a policy, one refused, two more open. */
const RESOURCES: FakePolicyResource[] = [
  { name: 'open-1', policy: OPEN },
  { name: 'no-policy', policy: null },
  { name: 'refused', policy: OPEN, policyDenied: true },
  { name: 'open-2', policy: OPEN },
  { name: 'open-3', policy: OPEN },
];

async function collect(service: FakePolicyService, resources: FakePolicyResource[], section: SectionName) {
  const account = fakeAccount();
  account.regional = {
    [REGION]: { ...account.regional[REGION]!, policyResources: { [service]: resources } },
  };
  const session = await sessions.start(account);
  const snapshot = await session.collect({ sections: [section], regions: [REGION] });
  return snapshot.sections[section];
}

/** Enough resources to span pages of 50 (Lambda) and 100 (SNS, Secrets Manager, ECR's default). */
const REAL_PAGES_RESOURCES = 120;

describe.each(CASES)('$section', ({ section, service, get, list, realPages, arn }) => {
  test('every page listed, one policy read per resource, a refused read named, not passed', async () => {
    const result = await collect(service, RESOURCES, section);
    const statement = { Effect: 'Allow', Principal: '*', Action: ['x:Y'], Resource: ['*'] };
    const policy = { Version: '2012-10-17', Statement: [statement] };
    expect(result).toMatchObject({
      status: 'ok',
      data: [
        {
          region: REGION,
          resources: [
            { arn: arn('open-1'), name: expect.any(String), policy },
            { arn: arn('no-policy'), policy: null },
            { arn: arn('open-2'), policy },
            { arn: arn('open-3'), policy },
          ],
          unreadable: [{ arn: arn('refused'), reason: expect.stringContaining(`${get} was refused`) }],
        },
      ],
    });
    expect(sessions.current.fake.requests.count(get)).toBe(RESOURCES.length);
  });

  test('with the real service page size, listing costs the requests AWS would answer', async () => {
    const resources = Array.from({ length: REAL_PAGES_RESOURCES }, (_, index) => ({
      name: `resource-${index}`,
      policy: OPEN,
    }));
    const account = fakeAccount();
    account.regional = {
      [REGION]: {
        ...account.regional[REGION]!,
        policyResources: { [service]: resources },
        policyListPageSize: Infinity,
      },
    };
    const session = await sessions.start(account);
    const snapshot = await session.collect({ sections: [section], regions: [REGION] });
    expect(snapshot.sections[section]).toMatchObject({ status: 'ok', data: [{ unreadable: [] }] });
    const data = snapshot.sections[section]!.data as Array<{ resources: unknown[] }>;
    expect(data[0]!.resources).toHaveLength(REAL_PAGES_RESOURCES);
    expect(sessions.current.fake.requests.count(list)).toBe(realPages);
  });

  test('a throttled policy read is retried', async () => {
    const account = fakeAccount();
    account.regional = {
      [REGION]: { ...account.regional[REGION]!, policyResources: { [service]: [RESOURCES[0]!] } },
    };
    const session = await sessions.start(account);
    session.fake.faults.failFirst(get, 'throttling', 2);
    const snapshot = await session.collect({ sections: [section], regions: [REGION] });
    expect(snapshot.sections[section]).toMatchObject({
      status: 'ok',
      data: [{ resources: [{ arn: arn('open-1') }] }],
    });
  });

  test('an account without any is data, not an error', async () => {
    expect(await collect(service, [], section)).toEqual({
      status: 'ok',
      data: [{ region: REGION, resources: [], unreadable: [] }],
    });
  });
});
