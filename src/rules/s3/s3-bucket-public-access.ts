import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import type { Bucket, BucketGrant, PublicAccessBlock } from '../../snapshot/schema.js';
import { joinWithAnd } from '../../util/words.js';
import { defineRule } from '../types.js';
import { bucketArn, whyUnread } from '../shared/s3-buckets.js';

/** The ACL groups that mean "anyone": everyone, and everyone with any AWS account. */
const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

function isPublicGrant(grant: BucketGrant): boolean {
  return grant.granteeType === 'Group' && grant.granteeUri !== null && grant.granteeUri in PUBLIC_GROUPS;
}

/** What one way in (the policy or the ACL) says: open (why), closed, or unknown (why not read). */
type Exposure = { open: string } | { closed: true } | { unknown: string };

/**
 * One way in, judged: closed when a Block Public Access setting of the account or of the bucket
 * neutralises it; otherwise open or closed by what it holds. S3 applies a setting on at either
 * level, so the account's alone can decide even when the bucket's own settings were not read.
 */
function exposure(
  bucket: Bucket,
  neutralisedBy: keyof PublicAccessBlock,
  account: PublicAccessBlock,
  part: 'policyStatus' | 'acl',
  openBecause: () => string | undefined,
): Exposure {
  if (account[neutralisedBy] || bucket.publicAccessBlock?.[neutralisedBy]) return { closed: true };
  const unread = whyUnread(bucket, [part]);
  if (unread) return { unknown: unread };
  const open = openBecause();
  if (!open) return { closed: true };
  const settingsUnread = whyUnread(bucket, ['publicAccessBlock']);
  return settingsUnread ? { unknown: settingsUnread } : { open };
}

function publicAcl(bucket: Bucket): string | undefined {
  const grants = (bucket.aclGrants ?? []).filter(isPublicGrant);
  if (grants.length === 0) return undefined;
  const described = grants.map((grant) => `${grant.permission} to ${PUBLIC_GROUPS[grant.granteeUri!]}`);
  return `its ACL grants ${joinWithAnd([...new Set(described)])}`;
}

export const s3BucketPublicAccess = defineRule({
  id: 's3-bucket-public-access',
  title: 'No S3 bucket is readable or writable by anyone',
  severity: 'critical',
  needs: ['s3Buckets', 's3AccountPublicAccessBlock'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A public bucket is the most common way data leaks from AWS: anyone who finds its name can ' +
      'list or download its objects, and a writable one can be filled with malware or used to deface ' +
      'a website it serves.\n\n' +
      'A bucket is public through its policy or its ACL. The policy is judged by AWS itself: ' +
      '`GetBucketPolicyStatus` says whether S3 considers it public (a `Principal: "*"` statement not ' +
      'limited by a condition to an account, organization, VPC endpoint or IP range); iamspect does ' +
      'not analyse the conditions itself here. The ACL is public when it grants anything to the ' +
      'AllUsers or AuthenticatedUsers group (any AWS account holder). Block Public Access neutralises ' +
      'these when on at the bucket or account level: RestrictPublicBuckets limits a public policy to ' +
      "AWS services and the owner's account, IgnorePublicAcls makes S3 ignore public ACLs. " +
      '(BlockPublicPolicy and BlockPublicAcls only refuse new ones, and do not close a bucket already public.)\n\n' +
      'A bucket whose policy status, ACL or settings could not be read is not evaluated, unless an ' +
      'account-level setting already closes that way in.',
    remediation:
      'Serve public content through CloudFront with origin access control, and close the bucket: ' +
      'remove the public statements (`aws s3api delete-bucket-policy` or a narrower policy), reset the ' +
      'ACL (`aws s3api put-bucket-acl --bucket <name> --acl private`), then turn on Block Public ' +
      'Access for the bucket (`aws s3api put-public-access-block`) and the account.',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2',
    ],
  },
  frameworks: { 'aws-security-hub': ['S3.2', 'S3.3'] },
  check: ({ snapshot, notEvaluated }) => {
    const account = sectionData(snapshot, 's3AccountPublicAccessBlock');
    return sectionData(snapshot, 's3Buckets').flatMap((bucket) => {
      const ways = [
        exposure(bucket, 'restrictPublicBuckets', account, 'policyStatus', () =>
          bucket.policyIsPublic ? 'its bucket policy is public (GetBucketPolicyStatus IsPublic)' : undefined,
        ),
        exposure(bucket, 'ignorePublicAcls', account, 'acl', () => publicAcl(bucket)),
      ];
      const open = ways.flatMap((way) => ('open' in way ? [way.open] : []));
      const unknown = ways.flatMap((way) => ('unknown' in way ? [way.unknown] : []));
      if (open.length === 0) {
        if (unknown.length > 0) notEvaluated(bucketArn(snapshot, bucket), joinWithAnd([...new Set(unknown)]));
        return [];
      }
      return [
        {
          resource: bucketArn(snapshot, bucket),
          message: `Bucket ${bucket.name} is open to anyone: ${joinWithAnd(open)}, and no Block Public Access setting neutralises it.`,
          evidence: {
            region: bucket.region,
            policyIsPublic: bucket.policyIsPublic,
            publicGrants: (bucket.aclGrants ?? []).filter(isPublicGrant),
            bucketPublicAccessBlock: bucket.publicAccessBlock,
            accountPublicAccessBlock: account,
          },
        },
      ];
    });
  },
});
