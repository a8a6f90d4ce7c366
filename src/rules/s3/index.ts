// S3: the account's Block Public Access, public buckets, access logs.
import type { AnyRule } from '../types.js';
import { s3AccountPublicAccessBlock } from './s3-account-public-access-block.js';
import { s3BucketAccessLogging } from './s3-bucket-access-logging.js';
import { s3BucketPublicAccess } from './s3-bucket-public-access.js';

export const s3Rules: AnyRule[] = [s3AccountPublicAccessBlock, s3BucketAccessLogging, s3BucketPublicAccess];
