import { describe, expect, test } from '@jest/globals';
import { s3BucketPublicAccess } from '../../../src/rules/s3/s3-bucket-public-access.js';
import type { Bucket, PublicAccessBlock } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { ALL_USERS, AUTHENTICATED_USERS, BLOCK_ALL, BLOCK_NONE, bucket, DENIED } from '../../builders/s3.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';

const ARN = 'arn:aws:s3:::site';
const publicPolicy = { policyIsPublic: true };
const readByAll = { aclGrants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }] };

function run(site: Partial<Bucket>, account: PublicAccessBlock = BLOCK_NONE) {
  const snapshot = withSection(
    withSection(emptySnapshot(), 's3Buckets', [bucket('site', { publicAccessBlock: BLOCK_NONE, ...site })]),
    's3AccountPublicAccessBlock',
    account,
  );
  const { findings, notEvaluated } = judge(s3BucketPublicAccess, snapshot);
  return { findings: findings.map((finding) => finding.message), notEvaluated };
}

describe('s3-bucket-public-access', () => {
  test.each<{ name: string; site: Partial<Bucket>; account?: PublicAccessBlock; open: string | null }>([
    { name: 'private bucket, nothing blocked', site: {}, open: null },
    {
      name: 'public policy',
      site: publicPolicy,
      open: 'its bucket policy is public (GetBucketPolicyStatus IsPublic)',
    },
    { name: 'ACL READ to AllUsers', site: readByAll, open: 'its ACL grants READ to AllUsers' },
    {
      name: 'ACL WRITE to AuthenticatedUsers (any AWS account)',
      site: { aclGrants: [{ granteeType: 'Group', granteeUri: AUTHENTICATED_USERS, permission: 'WRITE' }] },
      open: 'its ACL grants WRITE to AuthenticatedUsers',
    },
    {
      name: 'policy and ACL both public',
      site: { ...publicPolicy, ...readByAll },
      open: 'its bucket policy is public (GetBucketPolicyStatus IsPublic) and its ACL grants READ to AllUsers',
    },
    // The boundary: the setting that neutralises each way in, at either level.
    {
      name: 'public policy, bucket RestrictPublicBuckets',
      site: { ...publicPolicy, publicAccessBlock: { ...BLOCK_NONE, restrictPublicBuckets: true } },
      open: null,
    },
    {
      name: 'public policy, account RestrictPublicBuckets',
      site: publicPolicy,
      account: { ...BLOCK_NONE, restrictPublicBuckets: true },
      open: null,
    },
    {
      name: 'public policy, only BlockPublicPolicy (refuses new policies, keeps this one)',
      site: publicPolicy,
      account: { ...BLOCK_NONE, blockPublicPolicy: true },
      open: 'its bucket policy is public (GetBucketPolicyStatus IsPublic)',
    },
    {
      name: 'public ACL, bucket IgnorePublicAcls',
      site: { ...readByAll, publicAccessBlock: { ...BLOCK_NONE, ignorePublicAcls: true } },
      open: null,
    },
    {
      name: 'public ACL, account IgnorePublicAcls',
      site: readByAll,
      account: { ...BLOCK_NONE, ignorePublicAcls: true },
      open: null,
    },
    {
      name: 'public ACL, only BlockPublicAcls',
      site: readByAll,
      account: { ...BLOCK_NONE, blockPublicAcls: true },
      open: 'its ACL grants READ to AllUsers',
    },
    {
      name: 'everything public, account blocks all',
      site: { ...publicPolicy, ...readByAll },
      account: BLOCK_ALL,
      open: null,
    },
  ])('$name', ({ site, account, open }) => {
    expect(run(site, account)).toEqual({
      findings:
        open === null
          ? []
          : [`Bucket site is open to anyone: ${open}, and no Block Public Access setting neutralises it.`],
      notEvaluated: [],
    });
  });

  test('a bucket whose ACL was refused is not evaluated, unless the account ignores public ACLs', () => {
    const refused = { aclGrants: null, unread: { acl: DENIED('s3:GetBucketAcl') } };
    expect(run(refused).notEvaluated).toEqual([
      { resource: ARN, reason: 's3:GetBucketAcl failed (AccessDenied)' },
    ]);
    expect(run(refused, { ...BLOCK_NONE, ignorePublicAcls: true })).toEqual({
      findings: [],
      notEvaluated: [],
    });
  });

  test('a public policy on a bucket whose own settings were refused is not evaluated (they may neutralise it)', () => {
    const result = run({
      ...publicPolicy,
      publicAccessBlock: null,
      unread: { publicAccessBlock: DENIED('s3:GetBucketPublicAccessBlock') },
    });
    expect(result).toEqual({
      findings: [],
      notEvaluated: [{ resource: ARN, reason: 's3:GetBucketPublicAccessBlock failed (AccessDenied)' }],
    });
  });

  test('a known public ACL is a finding even when the policy status was refused', () => {
    const result = run({
      ...readByAll,
      policyIsPublic: null,
      unread: { policyStatus: DENIED('s3:GetBucketPolicyStatus') },
    });
    expect(result.findings).toHaveLength(1);
  });

  test('a bucket whose location was refused is not evaluated', () => {
    const result = run({
      region: null,
      policyIsPublic: null,
      aclGrants: null,
      publicAccessBlock: null,
      unread: { location: DENIED('s3:GetBucketLocation') },
    });
    expect(result.notEvaluated).toEqual([
      { resource: ARN, reason: 's3:GetBucketLocation failed (AccessDenied)' },
    ]);
  });
});
