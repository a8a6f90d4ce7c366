// Credentials and targeting: the default chain, --role-arn with an external id, the region used
// for signing, and the messages a user gets when none of it works.
import { describe, expect, test } from '@jest/globals';
import { FALLBACK_REGION } from '../../src/collect/index.js';
import { RunError } from '../../src/errors.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import { TEST_REGION } from '../fake-aws/environment.js';
import type { FakeAws } from '../fake-aws/server.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

describe('no credentials anywhere', () => {
  test('is a RunError saying what was tried, how to fix it, and that --demo needs none; nothing is sent', async () => {
    const session = await sessions.start(sampleAccount());
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;

    const error = await session.collect({ profile: 'audit' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunError);
    const { message, hint } = error as RunError;
    for (const source of [
      'environment variables',
      'profile "audit"',
      'AWS SSO',
      'web identity',
      'instance metadata',
    ]) {
      expect(message).toContain(source);
    }
    expect(hint).toContain('aws configure');
    expect(hint).toContain('aws sso login');
    expect(hint).toContain('iamspect audit --demo');
    expect(session.fake.requests.total()).toBe(0);
  });
});

describe('--role-arn', () => {
  test('assumes the role with the external id and session name, then collects as that role', async () => {
    const session = await sessions.start(sampleAccount());
    const snapshot = await session.collect({
      roleArn: 'arn:aws:iam::123456789012:role/app',
      externalId: 'x7q-external',
      roleSessionName: 'nightly-audit',
    });

    expect(session.fake.requests.inputs('sts:AssumeRole')).toEqual([
      {
        RoleArn: 'arn:aws:iam::123456789012:role/app',
        RoleSessionName: 'nightly-audit',
        ExternalId: 'x7q-external',
      },
    ]);
    // GetCallerIdentity was signed with the temporary credentials.
    expect(snapshot.callerArn).toBe('arn:aws:sts::123456789012:assumed-role/app/nightly-audit');
    expect(Object.values(snapshot.sections).every((section) => section.status === 'ok')).toBe(true);
  });

  test('a role that cannot be assumed is a RunError naming it, before any collection', async () => {
    const session = await sessions.start(sampleAccount());
    await expect(
      session.collect({ roleArn: 'arn:aws:iam::123456789012:role/missing' }),
    ).rejects.toMatchObject({
      name: 'RunError',
      message: expect.stringContaining('cannot assume role arn:aws:iam::123456789012:role/missing'),
      hint: expect.stringContaining('trust policy'),
    });
    expect(session.fake.requests.actions()).toEqual(['sts:AssumeRole']);
  });
});

/**
 * Regions the account-level calls were signed for. The regional services (Config, Access Analyzer,
 * CloudWatch billing) are signed for the region they scan, whatever is configured.
 */
function accountLevelSigningRegions(fake: FakeAws): string[] {
  // Regional services (asked in every enabled region) and those that live in one fixed region
  // (CloudFront and Route 53 Domains in us-east-1) are signed for their own regions.
  const regional = new Set([
    'config',
    'access-analyzer',
    'cloudwatch',
    'logs',
    'cloudtrail',
    'cloudfront',
    'route53domains',
    'ec2',
    'sns',
    'sqs',
    'kms',
    'lambda',
    'secretsmanager',
    'ecr',
    'sso',
  ]);
  const entries = fake.requests.entries.filter((entry) => !regional.has(entry.action.split(':')[0]!));
  return [...new Set(entries.map((entry) => entry.signingRegion))];
}

describe('region', () => {
  test('requests are signed for the configured region, not a hard-coded us-east-1', async () => {
    const session = await sessions.start(sampleAccount());
    await session.collect();
    expect(accountLevelSigningRegions(session.fake)).toEqual([TEST_REGION]);
  });

  test('--region wins over AWS_REGION', async () => {
    const session = await sessions.start(sampleAccount({ partition: 'aws-us-gov' }));
    await session.collect({ region: 'us-gov-west-1' });
    expect(accountLevelSigningRegions(session.fake)).toEqual(['us-gov-west-1']);
  });

  test('with no region configured anywhere, the documented fallback is used', async () => {
    const session = await sessions.start(sampleAccount());
    delete process.env.AWS_REGION;
    await session.collect();
    expect(accountLevelSigningRegions(session.fake)).toEqual([FALLBACK_REGION]);
  });

  test('credentials rejected while the region was only the fallback: the hint says to pass --region', async () => {
    const session = await sessions.start(sampleAccount());
    delete process.env.AWS_REGION;
    session.fake.faults.failFirst(
      'sts:GetCallerIdentity',
      {
        code: 'InvalidClientTokenId',
        status: 403,
        message: 'The security token included in the request is invalid.',
      },
      1,
    );
    await expect(session.collect()).rejects.toMatchObject({
      name: 'RunError',
      message: expect.stringContaining('sts:GetCallerIdentity failed (InvalidClientTokenId'),
      hint: expect.stringContaining('pass --region'),
    });
  });
});

describe('endpoints', () => {
  test('AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL, through the SDK alone', async () => {
    const session = await sessions.start(sampleAccount());
    // The SDK's service ids, upper-cased with spaces as underscores ("Config Service").
    for (const service of [
      'IAM',
      'STS',
      'ORGANIZATIONS',
      'ACCOUNT',
      'CONFIG_SERVICE',
      'ACCESSANALYZER',
      'CLOUDWATCH',
      'CLOUDWATCH_LOGS',
      'CLOUDTRAIL',
      'CLOUDFRONT',
      'ROUTE_53_DOMAINS',
      'EC2',
      'SNS',
      'SQS',
      'KMS',
      'LAMBDA',
      'SECRETS_MANAGER',
      'ECR',
      'SSO_ADMIN',
      'S3',
      // S3_CONTROL is already the fake's, under the localhost name S3 Control needs (environment.ts).
    ]) {
      process.env[`AWS_ENDPOINT_URL_${service}`] = session.fake.url;
    }
    // Nothing listens here: a request that ignored the per-service variables would fail.
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    const snapshot = await session.collect({ maxAttempts: 1 });
    expect(Object.values(snapshot.sections).every((section) => section.status === 'ok')).toBe(true);
  });
});
