// The fake AWS endpoint for bench/collect-resources, in its own process (started with fork), with
// collect-selection-endpoint's protocol (serveLogged: 25 ms a request, the log of what it received).
// The account issue 15 sizes: 2,000 S3 buckets spread over 4 regions (10 % public through their
// policy, 30 % with a policy), 200 CloudFront distributions, and 50 each of SQS queues, SNS topics,
// KMS keys and Lambda functions spread over the same regions. Every list pages as the real service
// does (policyListPageSize), so the request count is the one AWS would answer.
import type {
  FakeBucket,
  FakeDistribution,
  FakePolicyResource,
  FakePolicyService,
  FakeRegion,
} from '../test/fake-aws/model.js';
import { fakeAccount, fakeBucket, fakeDistribution } from '../test/fake-aws/model.js';
import { serveLogged } from './collect-selection-endpoint.js';
import { isMain } from './measure.js';

export const RESOURCES_SIZE = { buckets: 2_000, distributions: 200, perPolicyService: 50 };
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];
/** The services holding RESOURCES_SIZE.perPolicyService resources each. */
const POLICY_SERVICES: FakePolicyService[] = ['sqs', 'sns', 'kms', 'lambda'];

const ANYONE_READS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
};
const PARTNER_READS = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: ['s3:GetObject', 'sqs:SendMessage', 'sns:Publish', 'kms:Decrypt', 'lambda:InvokeFunction'],
      Resource: '*',
    },
  ],
};

/** Bucket i: in region i mod 4; of each ten, the first public by its policy, the next two shared with a partner. */
function bucket(index: number): FakeBucket {
  const region = REGIONS[index % REGIONS.length]!;
  const tenth = index % 10;
  const name = `bench-bucket-${String(index).padStart(4, '0')}`;
  if (tenth === 0)
    return fakeBucket(name, { region, policy: ANYONE_READS, policyIsPublic: true, publicAccessBlock: null });
  return fakeBucket(name, { region, policy: tenth <= 2 ? PARTNER_READS : null });
}

/** Distribution i: one in four lets viewers use plain HTTP, one in five writes no access logs. */
function distribution(index: number): FakeDistribution {
  const id = `EBENCH${String(index).padStart(6, '0')}`;
  return fakeDistribution(id, {
    behaviors: [
      {
        pathPattern: null,
        viewerProtocolPolicy: index % 4 === 0 ? 'allow-all' : 'redirect-to-https',
        realtimeLogConfigArn: null,
      },
    ],
    logBucket: index % 5 === 0 ? null : 'logs-bucket.s3.amazonaws.com',
  });
}

/** The policy resources of one region: every tenth resource open to anyone, the others shared with a partner. */
function policyResources(regionIndex: number): Partial<Record<FakePolicyService, FakePolicyResource[]>> {
  const indexes = Array.from({ length: RESOURCES_SIZE.perPolicyService }, (_, index) => index).filter(
    (index) => index % REGIONS.length === regionIndex,
  );
  return Object.fromEntries(
    POLICY_SERVICES.map((service) => [
      service,
      indexes.map((index) => ({
        name: `bench-${service}-${index}`,
        policy: index % 10 === 0 ? ANYONE_READS : PARTNER_READS,
      })),
    ]),
  );
}

async function serve(): Promise<void> {
  const account = fakeAccount({
    regions: REGIONS.map((name): FakeRegion => ({ name, optStatus: 'ENABLED_BY_DEFAULT' })),
    distributions: Array.from({ length: RESOURCES_SIZE.distributions }, (_, index) => distribution(index)),
    // No account-level block: the public buckets are public.
    s3: {
      accountPublicAccessBlock: null,
      buckets: Array.from({ length: RESOURCES_SIZE.buckets }, (_, index) => bucket(index)),
    },
  });
  REGIONS.forEach((region, regionIndex) => {
    account.regional[region] = {
      ...account.regional[region]!,
      policyResources: policyResources(regionIndex),
      policyListPageSize: Infinity,
    };
  });
  await serveLogged(account);
}

if (process.send && isMain(import.meta.url)) await serve();
