import { resourcePolicyPublic } from '../../../src/rules/policy/resource-policy-public.js';
import { RESOURCE_POLICY_SOURCES } from '../../../src/rules/shared/resource-policy-sources.js';
import type { PolicyDocument, ResourcePolicyRegion, Snapshot } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { bucket, DENIED } from '../../builders/s3.js';
import { ACCOUNT, doc, emptySnapshot, withSection } from '../../builders/snapshot.js';

const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;
const EMPTY: ResourcePolicyRegion[] = [{ region: 'eu-west-1', resources: [], unreadable: [] }];

/** Every source section empty: no bucket, and one region without resources for the others. */
const noResources = (): Snapshot =>
  RESOURCE_POLICY_SOURCES.reduce(
    (snapshot, source) =>
      source.section === 's3Buckets'
        ? withSection(snapshot, 's3Buckets', [])
        : withSection(snapshot, source.section as 'sqsQueues', EMPTY),
    emptySnapshot(),
  );

/** Every source section empty, then the queues given. */
function snapshotWithQueues(region: ResourcePolicyRegion): Snapshot {
  return withSection(noResources(), 'sqsQueues', [region]);
}

const queueWith = (policy: PolicyDocument | null) =>
  snapshotWithQueues({
    region: 'eu-west-1',
    resources: [{ arn: QUEUE, name: 'jobs', policy }],
    unreadable: [],
  });

const anyoneSends = (Condition?: Record<string, Record<string, string[]>>) =>
  doc({
    Sid: 'Send',
    Effect: 'Allow',
    Principal: '*',
    Action: ['sqs:SendMessage'],
    ...(Condition ? { Condition } : {}),
  });

describe('resource-policy-public', () => {
  test.each<[string, PolicyDocument | null, { severity?: string; message: string } | null]>([
    ['no policy', null, null],
    [
      'anyone, no condition',
      anyoneSends(),
      { message: 'SQS queue jobs lets anyone in (statement "Send") with no condition restricting who.' },
    ],
    ['anyone from one account', anyoneSends({ StringEquals: { 'aws:SourceAccount': [ACCOUNT] } }), null],
    [
      'anyone from any organization (wildcard)',
      anyoneSends({ StringLike: { 'aws:PrincipalOrgID': ['*'] } }),
      { message: 'SQS queue jobs lets anyone in (statement "Send") with no condition restricting who.' },
    ],
    [
      'anyone from an IP range: conditional, high',
      anyoneSends({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }),
      {
        severity: 'high',
        message:
          'SQS queue jobs lets anyone in (statement "Send") unless a condition the audit cannot judge stops them: aws:SourceIp limits calls to 203.0.113.0/24, but not who makes them.',
      },
    ],
  ])('%s', (_name, policy, expected) => {
    const { findings, notEvaluated } = judge(resourcePolicyPublic, queueWith(policy));
    expect(notEvaluated).toEqual([]);
    expect(findings.map(({ severity, message }) => ({ ...(severity ? { severity } : {}), message }))).toEqual(
      expected ? [expected] : [],
    );
  });

  test('an unreadable policy and an undecodable one are not evaluated, by name, never passed', () => {
    const { findings, notEvaluated } = judge(
      resourcePolicyPublic,
      snapshotWithQueues({
        region: 'eu-west-1',
        resources: [{ arn: QUEUE, name: 'jobs', policy: { Statement: [], decodeError: 'not JSON' } }],
        unreadable: [
          { arn: `${QUEUE}-2`, name: 'jobs-2', reason: 'sqs:GetQueueAttributes was refused (AccessDenied)' },
        ],
      }),
    );
    expect(findings).toEqual([]);
    expect(notEvaluated).toEqual([
      { resource: `${QUEUE}-2`, reason: 'sqs:GetQueueAttributes was refused (AccessDenied)' },
      { resource: QUEUE, reason: 'its policy cannot be judged: not JSON' },
    ]);
  });

  test('bucket policies are judged like every other resource policy; a bucket whose policy was not read is not evaluated', () => {
    const anyoneReads = doc({ Sid: 'Site', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'] });
    const { findings, notEvaluated } = judge(
      resourcePolicyPublic,
      withSection(noResources(), 's3Buckets', [
        bucket('www', { policy: anyoneReads }),
        bucket('private', { policy: null }),
        bucket('locked', { unread: { policy: DENIED('s3:GetBucketPolicy') } }),
      ]),
    );
    expect(findings.map(({ resource, message }) => ({ resource, message }))).toEqual([
      {
        resource: 'arn:aws:s3:::www',
        message: 'S3 bucket www lets anyone in (statement "Site") with no condition restricting who.',
      },
    ]);
    expect(notEvaluated).toEqual([
      { resource: 'arn:aws:s3:::locked', reason: 's3:GetBucketPolicy failed (AccessDenied)' },
    ]);
  });

  test('needs every source section, so a service that could not be listed leaves the rule not evaluated', () => {
    expect(resourcePolicyPublic.needs).toEqual(RESOURCE_POLICY_SOURCES.map((source) => source.section));
  });
});
