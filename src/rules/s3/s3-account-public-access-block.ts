import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { PublicAccessBlock } from '../../snapshot/schema.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

/** The settings as the S3 console and API name them. */
const SETTING_NAMES: Record<keyof PublicAccessBlock, string> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

export const s3AccountPublicAccessBlock = defineRule({
  id: 's3-account-public-access-block',
  title: 'S3 Block Public Access is on for the whole account',
  severity: 'high',
  needs: ['s3AccountPublicAccessBlock'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'The account-level S3 Block Public Access settings apply to every bucket, existing and future, ' +
      'whatever its own settings say: with all four on, no bucket policy or ACL can make a bucket or ' +
      'object public, so one mistaken `PutBucketPolicy` does not publish data. BlockPublicAcls and ' +
      'BlockPublicPolicy refuse new public ACLs and policies; IgnorePublicAcls makes S3 ignore public ' +
      'ACLs already there; RestrictPublicBuckets limits a public policy already there to AWS services ' +
      "and the account's own principals.\n\n" +
      'One finding when any of the four is off. An account that never set them (S3 Control answers ' +
      'NoSuchPublicAccessBlockConfiguration) has all four off. An account that must serve a public ' +
      'bucket directly should serve it through CloudFront with origin access control instead, or ' +
      'suppress this finding with that reason.',
    remediation:
      'Turn all four on: `aws s3control put-public-access-block --account-id <id> ' +
      '--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,' +
      'BlockPublicPolicy=true,RestrictPublicBuckets=true` (or S3 console > Block Public Access settings ' +
      'for this account). Check first which buckets rely on public access (`s3-bucket-public-access`).',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1',
    ],
  },
  frameworks: { ...cis({ v3: '2.1.4', v5: '2.1.4' }), 'aws-security-hub': ['S3.1'] },
  check: ({ snapshot }) => {
    const settings = sectionData(snapshot, 's3AccountPublicAccessBlock');
    const off = (Object.keys(SETTING_NAMES) as Array<keyof PublicAccessBlock>).filter(
      (key) => !settings[key],
    );
    if (off.length === 0) return [];
    return [
      {
        resource: accountArn(snapshot),
        message:
          `Account ${snapshot.accountId} has S3 Block Public Access ${joinWithAnd(off.map((key) => SETTING_NAMES[key]))} off, ` +
          'so a bucket policy or ACL can make its buckets public.',
        evidence: { ...settings },
      },
    ];
  },
});
