// A distribution for the CloudFront rule tests: one S3 origin behind OAC, HTTPS, standard logs.
import type { Distribution } from '../../../src/snapshot/schema.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';

export const DISTRIBUTION_ARN = 'arn:aws:cloudfront::123456789012:distribution/E1DEMO';

export function distribution(overrides: Partial<Distribution> = {}): Distribution {
  return {
    id: 'E1DEMO',
    arn: DISTRIBUTION_ARN,
    domainName: 'd1demo.cloudfront.net',
    aliases: [],
    origins: [
      {
        id: 'site',
        domainName: 'site.s3.us-east-1.amazonaws.com',
        s3: true,
        originAccessControlId: 'E2OAC',
        originAccessIdentity: '',
      },
    ],
    behaviors: [{ pathPattern: null, viewerProtocolPolicy: 'redirect-to-https', realtimeLogConfigArn: null }],
    standardLogging: true,
    loggingUnreadReason: null,
    ...overrides,
  };
}

export function withDistributions(...distributions: Distribution[]) {
  return withSection(emptySnapshot(), 'cloudFrontDistributions', distributions);
}
