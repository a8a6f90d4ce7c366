import { describe, expect, test } from '@jest/globals';
import { s3BucketAccessLogging } from '../../../src/rules/s3/s3-bucket-access-logging.js';
import type { Bucket } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { bucket, DENIED } from '../../builders/s3.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';

const LOGGED = { logging: { targetBucket: 'logs', targetPrefix: 'site/' } };

function run(site: Partial<Bucket>, options: object = {}) {
  const snapshot = withSection(emptySnapshot(), 's3Buckets', [bucket('site', site)]);
  const { findings, notEvaluated } = judge(s3BucketAccessLogging, snapshot, options);
  return { findings: findings.map((finding) => finding.message), notEvaluated };
}

describe('s3-bucket-access-logging', () => {
  test.each<{ name: string; site: Partial<Bucket>; allBuckets: boolean; finding: string | null }>([
    {
      name: 'website without logging',
      site: { website: true },
      allBuckets: false,
      finding: 'Bucket site hosts a website without server access logging: requests to it leave no record.',
    },
    { name: 'website with logging', site: { website: true, ...LOGGED }, allBuckets: false, finding: null },
    { name: 'plain bucket without logging, default scope', site: {}, allBuckets: false, finding: null },
    {
      name: 'plain bucket without logging, allBuckets',
      site: {},
      allBuckets: true,
      finding: 'Bucket site has no server access logging: requests to it leave no record.',
    },
    { name: 'plain bucket with logging, allBuckets', site: LOGGED, allBuckets: true, finding: null },
  ])('$name', ({ site, allBuckets, finding }) => {
    expect(run(site, { allBuckets })).toEqual({
      findings: finding === null ? [] : [finding],
      notEvaluated: [],
    });
  });

  test('a website bucket whose logging was refused is not evaluated', () => {
    expect(
      run({ website: true, logging: null, unread: { logging: DENIED('s3:GetBucketLogging') } }).notEvaluated,
    ).toEqual([{ resource: 'arn:aws:s3:::site', reason: 's3:GetBucketLogging failed (AccessDenied)' }]);
  });

  test('a bucket whose website configuration was refused is not evaluated by default, and judged with allBuckets', () => {
    const refused = { website: null, unread: { website: DENIED('s3:GetBucketWebsite') } };
    expect(run(refused).notEvaluated).toHaveLength(1);
    expect(run(refused, { allBuckets: true })).toEqual({
      findings: ['Bucket site has no server access logging: requests to it leave no record.'],
      notEvaluated: [],
    });
  });
});
