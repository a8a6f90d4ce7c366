// What the S3 rules share: a bucket's ARN, and which of its unread parts keep a rule from judging it.
import type { Bucket, BucketPart, Snapshot } from '../../snapshot/schema.js';

export function bucketArn(snapshot: Snapshot, bucket: Bucket): string {
  return `arn:${snapshot.partition}:s3:::${bucket.name}`;
}

/**
 * Why the bucket cannot be judged on `parts`, or undefined when every one was read. A bucket whose
 * location was refused was read no further, so it lacks every part.
 */
export function whyUnread(bucket: Bucket, parts: readonly BucketPart[]): string | undefined {
  const missing = (['location', ...parts] as const).flatMap((part) => {
    const error = bucket.unread[part];
    return error ? [`${error.action ?? part} failed (${error.code})`] : [];
  });
  return missing.length > 0 ? [...new Set(missing)].join('; ') : undefined;
}
