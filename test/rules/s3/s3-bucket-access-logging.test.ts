import { describe, expect, test } from '@jest/globals';
import { s3BucketAccessLogging } from '../../../src/rules/s3/s3-bucket-access-logging.js';
import type { Bucket } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { bucket, DENIED } from '../../builders/s3.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';
import { distribution } from '../cloudfront/distribution.js';

const LOGGED = { logging: { targetBucket: 'logs', targetPrefix: 'site/' } };

/** The bucket `site`, and no CloudFront distribution unless `origins` names some. */
function run(site: Partial<Bucket>, options: object = {}, origins: string[] = []) {
  const distributions = origins.map((domainName, index) =>
    distribution({
      id: `E${index}`,
      origins: [
        { id: 'o', domainName, s3: true, originAccessControlId: 'E2OAC', originAccessIdentity: null },
      ],
    }),
  );
  const snapshot = withSection(
    withSection(emptySnapshot(), 'cloudFrontDistributions', distributions),
    's3Buckets',
    [bucket('site', site)],
  );
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

  // A bucket behind CloudFront serves the public as a website does: judged by default too. The
  // origin's domain names the bucket in every form S3 REST endpoints take.
  test.each([
    ['site.s3.amazonaws.com', 'E0'],
    ['site.s3.eu-west-1.amazonaws.com', 'E0'],
    ['site.s3-eu-west-1.amazonaws.com', 'E0'],
    ['other-site.s3.amazonaws.com', null],
    ['site.example.com', null],
  ])('a bucket without logging behind an origin %s: finding for %s', (domainName, distributionId) => {
    expect(run({}, {}, [domainName])).toEqual({
      findings:
        distributionId === null
          ? []
          : [
              `Bucket site is the origin of CloudFront distribution ${distributionId} without server access logging: requests to it leave no record.`,
            ],
      notEvaluated: [],
    });
  });

  test('an origin bucket with logging passes', () => {
    expect(run(LOGGED, {}, ['site.s3.amazonaws.com']).findings).toEqual([]);
  });

  test('needs the distributions: which buckets are origins decides which are judged', () => {
    expect(s3BucketAccessLogging.needs).toEqual(['s3Buckets', 'cloudFrontDistributions']);
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
