import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';
import { bucketArn, whyUnread } from '../shared/s3-buckets.js';

export const s3BucketAccessLogging = defineRule({
  id: 's3-bucket-access-logging',
  title: 'S3 buckets that serve websites keep server access logs',
  severity: 'low',
  needs: ['s3Buckets'],
  options: z
    .object({
      allBuckets: z
        .boolean()
        .default(false)
        .describe(
          'Judge every bucket, not only those hosting a website. Off by default: logging every ' +
            'bucket costs storage and most buckets are read only by the account itself.',
        ),
    })
    .strict(),
  docs: {
    rationale:
      'Server access logs record every request made to a bucket: who fetched or changed which ' +
      'object, from where, and with what result. For a bucket that serves a website they are the ' +
      'record of what the public did with it, and after an incident they show what was taken.\n\n' +
      'By default only buckets with static website hosting are judged (a bucket behind CloudFront is ' +
      'logged at the distribution: `cloudfront-access-logging`). With `allBuckets: true` every bucket ' +
      'is. A bucket whose logging (or website) configuration could not be read is not evaluated.',
    remediation:
      'Send the logs to a separate bucket you own: `aws s3api put-bucket-logging --bucket <name> ' +
      '--bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<name>/"}}\'`; ' +
      "the log bucket's policy must let the logging service principal write there.",
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9',
    ],
  },
  frameworks: { 'aws-security-hub': ['S3.9'] },
  check: ({ snapshot, options, notEvaluated }) =>
    sectionData(snapshot, 's3Buckets').flatMap((bucket) => {
      const unread = whyUnread(bucket, options.allBuckets ? ['logging'] : ['website', 'logging']);
      if (unread) {
        // A bucket known not to host a website is out of scope whatever its logging.
        if (!options.allBuckets && bucket.website === false) return [];
        notEvaluated(bucketArn(snapshot, bucket), unread);
        return [];
      }
      if (bucket.logging || (!options.allBuckets && !bucket.website)) return [];
      return [
        {
          resource: bucketArn(snapshot, bucket),
          message: bucket.website
            ? `Bucket ${bucket.name} hosts a website without server access logging: requests to it leave no record.`
            : `Bucket ${bucket.name} has no server access logging: requests to it leave no record.`,
          evidence: { region: bucket.region, website: bucket.website },
        },
      ];
    }),
});
