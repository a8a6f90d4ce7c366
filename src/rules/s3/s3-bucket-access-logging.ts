import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { defineRule } from '../types.js';
import { bucketArn, whyUnread } from '../shared/s3-buckets.js';

/**
 * The bucket a CloudFront S3 origin reads, from its REST endpoint domain (`NAME.s3.amazonaws.com`,
 * `NAME.s3.REGION.amazonaws.com`, or the legacy `NAME.s3-REGION.amazonaws.com`). Bucket names may
 * hold dots, so the name is everything before the last `.s3.` or `.s3-`.
 */
const ORIGIN_BUCKET = /^(.+)\.s3[.-][a-z0-9.-]*amazonaws\.com(\.cn)?$/;

/** Bucket name -> the first distribution (by id) that uses it as an S3 origin. */
function originDistributions(snapshot: Snapshot): Map<string, string> {
  const servedBy = new Map<string, string>();
  for (const distribution of sectionData(snapshot, 'cloudFrontDistributions')) {
    for (const origin of distribution.origins) {
      const bucket = origin.s3 ? ORIGIN_BUCKET.exec(origin.domainName)?.[1] : undefined;
      if (bucket !== undefined && !servedBy.has(bucket)) servedBy.set(bucket, distribution.id);
    }
  }
  return servedBy;
}

export const s3BucketAccessLogging = defineRule({
  id: 's3-bucket-access-logging',
  title: 'S3 buckets that serve websites or CloudFront keep server access logs',
  severity: 'low',
  needs: ['s3Buckets', 'cloudFrontDistributions'],
  options: z
    .object({
      allBuckets: z
        .boolean()
        .default(false)
        .describe(
          'Judge every bucket, not only those hosting a website or serving CloudFront. Off by default: logging every ' +
            'bucket costs storage and most buckets are read only by the account itself.',
        ),
    })
    .strict(),
  docs: {
    rationale:
      'Server access logs record every request made to a bucket: who fetched or changed which ' +
      'object, from where, and with what result. For a bucket that serves a website they are the ' +
      'record of what the public did with it, and after an incident they show what was taken.\n\n' +
      'By default the buckets that serve the public are judged: those with static website hosting and ' +
      'those a CloudFront distribution reads as an S3 origin (the distribution logs viewers, ' +
      '`cloudfront-access-logging`; the bucket logs what reached it, the origin access identity ' +
      'included). With `allBuckets: true` every bucket is. A bucket whose logging (or, when that ' +
      'decides, website) configuration could not be read is not evaluated.',
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
  check: ({ snapshot, options, notEvaluated }) => {
    const servedBy = originDistributions(snapshot);
    return sectionData(snapshot, 's3Buckets').flatMap((bucket) => {
      const distribution = servedBy.get(bucket.name);
      // In scope whatever its website: every bucket, or one behind CloudFront.
      const judged = options.allBuckets || distribution !== undefined;
      const unread = whyUnread(bucket, judged ? ['logging'] : ['website', 'logging']);
      if (unread) {
        // A bucket known not to host a website is out of scope whatever its logging.
        if (!judged && bucket.website === false) return [];
        notEvaluated(bucketArn(snapshot, bucket), unread);
        return [];
      }
      if (bucket.logging || (!judged && !bucket.website)) return [];
      const what = bucket.website
        ? 'hosts a website without'
        : distribution !== undefined
          ? `is the origin of CloudFront distribution ${distribution} without`
          : 'has no';
      return [
        {
          resource: bucketArn(snapshot, bucket),
          message: `Bucket ${bucket.name} ${what} server access logging: requests to it leave no record.`,
          evidence: { region: bucket.region, website: bucket.website, distribution: distribution ?? null },
        },
      ];
    });
  },
});
