import { cloudfrontViewerHttps } from '../../../src/rules/cloudfront/cloudfront-viewer-https.js';
import type { Distribution } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { distribution, DISTRIBUTION_ARN, withDistributions } from './distribution.js';

type Behavior = Distribution['behaviors'][number];
const behavior = (pathPattern: string | null, viewerProtocolPolicy: string): Behavior => ({
  pathPattern,
  viewerProtocolPolicy,
  realtimeLogConfigArn: null,
});

describe('cloudfront-viewer-https', () => {
  test.each<{ name: string; behaviors: Behavior[]; reported: Array<[string, string]> }>([
    { name: 'redirect-to-https', behaviors: [behavior(null, 'redirect-to-https')], reported: [] },
    { name: 'https-only', behaviors: [behavior(null, 'https-only')], reported: [] },
    {
      name: 'allow-all on the default behaviour',
      behaviors: [behavior(null, 'allow-all')],
      reported: [['default', 'its default cache behaviour allows all viewer protocols.']],
    },
    {
      name: 'allow-all on one ordered behaviour only',
      behaviors: [
        behavior(null, 'https-only'),
        behavior('/img/*', 'allow-all'),
        behavior('/api/*', 'https-only'),
      ],
      reported: [['/img/*', 'its cache behaviour /img/* allows all viewer protocols.']],
    },
  ])('$name', ({ behaviors, reported }) => {
    expect(runRule(cloudfrontViewerHttps, withDistributions(distribution({ behaviors })))).toEqual(
      reported.map(([discriminator, tail]) => ({
        resource: DISTRIBUTION_ARN,
        discriminator,
        message: `CloudFront distribution E1DEMO (d1demo.cloudfront.net) serves plain HTTP: ${tail}`,
      })),
    );
  });

  test('no distribution is a pass', () => {
    expect(runRule(cloudfrontViewerHttps, withDistributions())).toEqual([]);
  });
});
