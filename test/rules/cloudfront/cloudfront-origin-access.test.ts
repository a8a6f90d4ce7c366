import { cloudfrontOriginAccess } from '../../../src/rules/cloudfront/cloudfront-origin-access.js';
import type { Distribution } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { distribution, DISTRIBUTION_ARN, withDistributions } from './distribution.js';

type Origin = Distribution['origins'][number];
const origin = (overrides: Partial<Origin>): Origin => ({
  id: 'site',
  domainName: 'site.s3.us-east-1.amazonaws.com',
  s3: true,
  originAccessControlId: null,
  originAccessIdentity: null,
  ...overrides,
});

describe('cloudfront-origin-access', () => {
  test.each<{ name: string; given: Partial<Origin>; reported: boolean }>([
    { name: 'S3 origin with OAC', given: { originAccessControlId: 'E2OAC' }, reported: false },
    {
      name: 'S3 origin with a legacy origin access identity',
      given: { originAccessIdentity: 'origin-access-identity/cloudfront/E3OAI' },
      reported: false,
    },
    { name: 'S3 origin with neither (null)', given: {}, reported: true },
    {
      name: 'S3 origin with neither (empty strings, as the API sends)',
      given: { originAccessControlId: '', originAccessIdentity: '' },
      reported: true,
    },
    {
      name: 'a website endpoint or other custom origin is not an S3 origin here',
      given: { s3: false, domainName: 'site.s3-website-us-east-1.amazonaws.com' },
      reported: false,
    },
  ])('$name', ({ given, reported }) => {
    expect(
      runRule(cloudfrontOriginAccess, withDistributions(distribution({ origins: [origin(given)] }))),
    ).toEqual(
      reported
        ? [
            {
              resource: DISTRIBUTION_ARN,
              discriminator: 'site',
              message:
                'CloudFront distribution E1DEMO reaches S3 origin site.s3.us-east-1.amazonaws.com without origin access control or identity, so the bucket must be readable by anyone.',
            },
          ]
        : [],
    );
  });
});
