// s3AccountPublicAccessBlock: the account's S3 Block Public Access settings (S3 Control
// GetPublicAccessBlock). They apply to every bucket of the account, on top of each bucket's own.
// An account that never set them answers NoSuchPublicAccessBlockConfiguration: all four are off.
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const publicAccessBlockSchema = z.object({
  /** Refuses new public ACLs (PutBucketAcl, PutObjectAcl with a public grant). */
  blockPublicAcls: z.boolean(),
  /** Makes S3 ignore every public ACL grant: existing public ACLs no longer let anyone in. */
  ignorePublicAcls: z.boolean(),
  /** Refuses a new bucket policy that is public. */
  blockPublicPolicy: z.boolean(),
  /** Limits a public bucket policy to AWS service principals and the bucket owner's account. */
  restrictPublicBuckets: z.boolean(),
});
export type PublicAccessBlock = z.infer<typeof publicAccessBlockSchema>;

/** What S3 applies when no configuration was ever set: nothing is blocked. */
export const NO_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

/** The error code S3 and S3 Control answer when no Block Public Access configuration is set. */
export const NO_PUBLIC_ACCESS_BLOCK_CODE = 'NoSuchPublicAccessBlockConfiguration';

const getPublicAccessBlockOutput = z.object({
  PublicAccessBlockConfiguration: z
    .object({
      BlockPublicAcls: z.boolean().optional(),
      IgnorePublicAcls: z.boolean().optional(),
      BlockPublicPolicy: z.boolean().optional(),
      RestrictPublicBuckets: z.boolean().optional(),
    })
    .optional(),
});

/** GetPublicAccessBlock's output (S3's for a bucket, S3 Control's for the account) -> the four settings; unset ones are off. */
export function normalizePublicAccessBlock(output: unknown, source: string): PublicAccessBlock {
  const configuration = validateInput(
    getPublicAccessBlockOutput,
    output,
    source,
  ).PublicAccessBlockConfiguration;
  return {
    blockPublicAcls: configuration?.BlockPublicAcls ?? false,
    ignorePublicAcls: configuration?.IgnorePublicAcls ?? false,
    blockPublicPolicy: configuration?.BlockPublicPolicy ?? false,
    restrictPublicBuckets: configuration?.RestrictPublicBuckets ?? false,
  };
}

/**
 * Runs a Get* call whose "not configured" answer is an error code (NoSuchBucketPolicy,
 * NoSuchWebsiteConfiguration...): that code gives `absent`; any other error is thrown.
 */
export async function unlessNotConfigured<T, A>(
  call: () => Promise<T>,
  notConfiguredCode: string,
  absent: A,
): Promise<T | A> {
  try {
    return await call();
  } catch (error) {
    if (awsErrorCode(error) === notConfiguredCode) return absent;
    throw error;
  }
}

async function collectAccountPublicAccessBlock({ clients, identity }: CollectContext) {
  const { GetPublicAccessBlockCommand } = await import('@aws-sdk/client-s3-control');
  const output = await unlessNotConfigured(
    () => clients.s3control.send(new GetPublicAccessBlockCommand({ AccountId: identity.accountId })),
    NO_PUBLIC_ACCESS_BLOCK_CODE,
    {},
  );
  return normalizePublicAccessBlock(output, 's3control:GetPublicAccessBlock response');
}

export const s3AccountPublicAccessBlockSection = defineSection({
  name: 's3AccountPublicAccessBlock',
  data: publicAccessBlockSchema,
  reads: ['s3:GetAccountPublicAccessBlock'],
  collect: collectAccountPublicAccessBlock,
  awsCli: {
    kind: 'file',
    // An account without settings makes the CLI fail with NoSuchPublicAccessBlockConfiguration:
    // the empty file it leaves reads as all four off (a refusal leaves no file: not evaluated).
    files: [
      {
        name: 'get-account-public-access-block.json',
        shape: { required: { PublicAccessBlockConfiguration: 'object' } },
      },
    ],
    howToSave:
      'aws s3control get-public-access-block --account-id ACCOUNT_ID > get-account-public-access-block.json ' +
      '(an empty file when it answers NoSuchPublicAccessBlockConfiguration: none set)',
    action: 's3:GetAccountPublicAccessBlock',
    read: (file) =>
      file.text.trim() === ''
        ? NO_PUBLIC_ACCESS_BLOCK
        : normalizePublicAccessBlock(parseCliJson(file), file.path),
  },
});
