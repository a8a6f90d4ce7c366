import { describe, expect, test } from '@jest/globals';
import { s3AccountPublicAccessBlock } from '../../../src/rules/s3/s3-account-public-access-block.js';
import type { PublicAccessBlock } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { BLOCK_ALL, BLOCK_NONE } from '../../builders/s3.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('s3-account-public-access-block', () => {
  test.each<{ name: string; settings: PublicAccessBlock; off: string | null }>([
    { name: 'all four on', settings: BLOCK_ALL, off: null },
    {
      name: 'only RestrictPublicBuckets off',
      settings: { ...BLOCK_ALL, restrictPublicBuckets: false },
      off: 'RestrictPublicBuckets',
    },
    {
      name: 'only BlockPublicAcls off',
      settings: { ...BLOCK_ALL, blockPublicAcls: false },
      off: 'BlockPublicAcls',
    },
    {
      name: 'never set (all four off)',
      settings: BLOCK_NONE,
      off: 'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets',
    },
  ])('$name', ({ settings, off }) => {
    const findings = runRule(
      s3AccountPublicAccessBlock,
      withSection(emptySnapshot(), 's3AccountPublicAccessBlock', settings),
    );
    expect(findings.map((finding) => [finding.resource, finding.message])).toEqual(
      off === null
        ? []
        : [
            [
              `arn:aws:iam::${ACCOUNT}:root`,
              `Account ${ACCOUNT} has S3 Block Public Access ${off} off, so a bucket policy or ACL can make its buckets public.`,
            ],
          ],
    );
  });
});
