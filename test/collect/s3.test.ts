// Contract tests for the S3 sections against the fake endpoint: S3 over restXml, path-style, each
// bucket read in its own region; S3 Control's account-level Block Public Access.
import { BLOCK_ALL, BLOCK_NONE } from '../builders/s3.js';
import { describe, expect, test } from '@jest/globals';
import type { FakeBucket, FakeS3 } from '../fake-aws/model.js';
import { ALL_USERS_URI, fakeAccount, fakeBucket } from '../fake-aws/model.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const PUBLIC_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }],
};

async function collectBuckets(buckets: FakeBucket[], s3: Partial<FakeS3> = {}) {
  const session = await sessions.start(
    fakeAccount({ s3: { accountPublicAccessBlock: null, buckets, ...s3 } }),
  );
  const snapshot = await session.collect({ sections: ['s3Buckets'] });
  return snapshot.sections.s3Buckets!;
}

describe('s3Buckets', () => {
  test('reads each bucket in the region ListBuckets names, asking no GetBucketLocation', async () => {
    const section = await collectBuckets([
      fakeBucket('site', {
        region: 'us-east-1',
        policy: PUBLIC_POLICY,
        policyIsPublic: true,
        aclGrants: [{ type: 'Group', uri: ALL_USERS_URI, permission: 'READ' }],
        publicAccessBlock: null,
        website: true,
      }),
      fakeBucket('logs', {
        region: 'eu-central-1',
        logging: { targetBucket: 'audit', targetPrefix: 'logs/' },
      }),
    ]);
    expect(section.status).toBe('ok');
    expect(section.data).toEqual([
      {
        name: 'site',
        region: 'us-east-1',
        policyIsPublic: true,
        policy: expect.objectContaining({
          Statement: [expect.objectContaining({ Principal: '*' })],
        }),
        aclGrants: [{ granteeType: 'Group', granteeUri: ALL_USERS_URI, permission: 'READ' }],
        publicAccessBlock: BLOCK_NONE,
        logging: null,
        website: true,
        unread: {},
      },
      {
        name: 'logs',
        region: 'eu-central-1',
        policyIsPublic: false,
        policy: null,
        aclGrants: [{ granteeType: 'CanonicalUser', granteeUri: null, permission: 'FULL_CONTROL' }],
        publicAccessBlock: BLOCK_ALL,
        logging: { targetBucket: 'audit', targetPrefix: 'logs/' },
        website: false,
        unread: {},
      },
    ]);
    const regions = sessions.current.fake.requests.entries
      .filter((entry) => entry.action === 's3:GetBucketAcl')
      .map((entry) => [entry.input.Bucket, entry.signingRegion]);
    expect(regions.sort()).toEqual([
      ['logs', 'eu-central-1'],
      ['site', 'us-east-1'],
    ]);
    expect(sessions.current.fake.requests.count('s3:GetBucketLocation')).toBe(0);
  });

  // S3-compatible endpoints, and S3 asked without any parameter, list no regions.
  describe('when ListBuckets names no region', () => {
    const NO_REGIONS = { listsBucketRegions: false };

    test('asks GetBucketLocation: us-east-1 answers no constraint', async () => {
      const section = await collectBuckets(
        [fakeBucket('site', { region: 'us-east-1' }), fakeBucket('logs', { region: 'eu-central-1' })],
        NO_REGIONS,
      );
      expect(section.data!.map((bucket) => [bucket.name, bucket.region, bucket.unread])).toEqual([
        ['site', 'us-east-1', {}],
        ['logs', 'eu-central-1', {}],
      ]);
      expect(sessions.current.fake.requests.count('s3:GetBucketLocation')).toBe(2);
    });

    test('a bucket of old in eu-west-1 answers the location EU and is read there', async () => {
      const section = await collectBuckets(
        [fakeBucket('old', { region: 'eu-west-1', locationConstraint: 'EU' })],
        NO_REGIONS,
      );
      expect(section.data![0]).toMatchObject({ name: 'old', region: 'eu-west-1', unread: {} });
    });

    test('a bucket whose location is refused is read no further', async () => {
      const section = await collectBuckets(
        [fakeBucket('hidden', { denies: ['s3:GetBucketLocation'] })],
        NO_REGIONS,
      );
      expect(section.data![0]).toMatchObject({
        name: 'hidden',
        region: null,
        unread: { location: { action: 's3:GetBucketLocation' } },
      });
      expect(sessions.current.fake.requests.actions().filter((action) => action.startsWith('s3:'))).toEqual([
        's3:GetBucketLocation',
        's3:ListAllMyBuckets',
      ]);
    });
  });

  test('asks GetBucketPolicy only of a bucket GetBucketPolicyStatus says has a policy', async () => {
    const section = await collectBuckets([
      fakeBucket('shared', { policy: PUBLIC_POLICY, policyIsPublic: true }),
      fakeBucket('private'),
    ]);
    expect(
      section.data!.map((bucket) => [bucket.name, bucket.policyIsPublic, bucket.policy !== null]),
    ).toEqual([
      ['shared', true, true],
      ['private', false, false],
    ]);
    const policyReads = sessions.current.fake.requests.entries.filter(
      (entry) => entry.action === 's3:GetBucketPolicy',
    );
    expect(policyReads.map((entry) => entry.input.Bucket)).toEqual(['shared']);
  });

  test('a refused GetBucketPolicyStatus still reads the policy: only the verdict is unread', async () => {
    const section = await collectBuckets([
      fakeBucket('shared', {
        policy: PUBLIC_POLICY,
        policyIsPublic: true,
        denies: ['s3:GetBucketPolicyStatus'],
      }),
    ]);
    expect(section.data![0]).toMatchObject({
      policyIsPublic: null,
      policy: expect.objectContaining({ Statement: [expect.objectContaining({ Principal: '*' })] }),
      unread: { policyStatus: { action: 's3:GetBucketPolicyStatus' } },
    });
  });

  test('pages through ListBuckets with ContinuationToken', async () => {
    const session = await sessions.start(
      fakeAccount({
        s3: {
          accountPublicAccessBlock: null,
          buckets: ['a', 'b', 'c', 'd', 'e'].map((name) => fakeBucket(`bucket-${name}`)),
          listPageSize: 2,
        },
      }),
    );
    const section = (await session.collect({ sections: ['s3Buckets'] })).sections.s3Buckets!;
    expect(section.data!.map((bucket) => bucket.name)).toEqual([
      'bucket-a',
      'bucket-b',
      'bucket-c',
      'bucket-d',
      'bucket-e',
    ]);
    expect(session.fake.requests.count('s3:ListAllMyBuckets')).toBe(3);
  });

  test('a bucket refusing one call is unread for that part only, naming the refused action', async () => {
    const section = await collectBuckets([
      fakeBucket('locked', { denies: ['s3:GetBucketAcl'] }),
      fakeBucket('open'),
    ]);
    const [locked, open] = section.data!;
    expect(locked!.aclGrants).toBeNull();
    expect(locked!.unread).toEqual({
      acl: { code: 'AccessDenied', message: 'Access Denied', action: 's3:GetBucketAcl' },
    });
    expect(locked!.publicAccessBlock).not.toBeNull();
    expect(open!.unread).toEqual({});
  });

  test('retries a throttled bucket call', async () => {
    const session = await sessions.start(
      fakeAccount({ s3: { accountPublicAccessBlock: null, buckets: [fakeBucket('busy')] } }),
    );
    session.fake.faults.failFirst('s3:GetBucketPolicyStatus', 'throttling', 2);
    const section = (await session.collect({ sections: ['s3Buckets'] })).sections.s3Buckets!;
    expect(section.data![0]!.unread).toEqual({});
    expect(session.fake.requests.count('s3:GetBucketPolicyStatus')).toBe(3);
  });

  test('an account without buckets is data: an empty list', async () => {
    const section = await collectBuckets([]);
    expect(section).toMatchObject({ status: 'ok', data: [] });
  });

  test('a refused ListBuckets makes the section denied', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('s3:ListAllMyBuckets');
    // With a section that succeeds: a run where nothing could be collected fails as a whole.
    const section = (await session.collect({ sections: ['s3Buckets', 'passwordPolicy'] })).sections
      .s3Buckets!;
    expect(section).toMatchObject({ status: 'denied', error: { action: 's3:ListAllMyBuckets' } });
  });
});

describe('s3AccountPublicAccessBlock', () => {
  async function collectAccountBlock(settings: FakeBucket['publicAccessBlock']) {
    const session = await sessions.start(
      fakeAccount({ s3: { accountPublicAccessBlock: settings, buckets: [] } }),
    );
    return (await session.collect({ sections: ['s3AccountPublicAccessBlock', 'passwordPolicy'] })).sections
      .s3AccountPublicAccessBlock!;
  }

  test('reads the four settings of the caller account through S3 Control', async () => {
    const section = await collectAccountBlock({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect(section).toMatchObject({
      status: 'ok',
      data: {
        blockPublicAcls: true,
        ignorePublicAcls: false,
        blockPublicPolicy: true,
        restrictPublicBuckets: false,
      },
    });
    expect(sessions.current.fake.requests.inputs('s3:GetAccountPublicAccessBlock')).toEqual([
      { AccountId: '123456789012' },
    ]);
  });

  test('an account that never set them has all four off (NoSuchPublicAccessBlockConfiguration)', async () => {
    const section = await collectAccountBlock(null);
    expect(section).toMatchObject({
      status: 'ok',
      data: BLOCK_NONE,
    });
  });

  test('a refused call makes the section denied, naming the IAM action', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('s3:GetAccountPublicAccessBlock');
    const section = (await session.collect({ sections: ['s3AccountPublicAccessBlock', 'passwordPolicy'] }))
      .sections.s3AccountPublicAccessBlock!;
    expect(section).toMatchObject({ status: 'denied', error: { action: 's3:GetAccountPublicAccessBlock' } });
  });
});
