import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const cloudfrontViewerHttps = defineRule({
  id: 'cloudfront-viewer-https',
  title: 'CloudFront serves viewers over HTTPS only',
  severity: 'medium',
  needs: ['cloudFrontDistributions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A cache behaviour whose viewer protocol policy is `allow-all` answers plain HTTP: anyone on ' +
      'the path (public Wi-Fi, a hostile network) can read and change the pages, inject script, and ' +
      'take the cookies sent with them. `redirect-to-https` or `https-only` close that.\n\n' +
      'Read from `cloudfront:ListDistributions` (the default and every ordered cache behaviour).',
    remediation:
      'Set **Viewer protocol policy** to **Redirect HTTP to HTTPS** on every behaviour: CloudFront ' +
      'console > the distribution > Behaviors > Edit, or `ViewerProtocolPolicy: redirect-to-https` in ' +
      '`aws cloudfront update-distribution`.',
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3',
    ],
  },
  frameworks: { 'aws-security-hub': ['CloudFront.3'] },
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFrontDistributions').flatMap((distribution) =>
      distribution.behaviors
        .filter((behavior) => behavior.viewerProtocolPolicy === 'allow-all')
        .map((behavior) => {
          const which = behavior.pathPattern === null ? 'default' : behavior.pathPattern;
          return {
            resource: distribution.arn,
            discriminator: which,
            message:
              `CloudFront distribution ${distribution.id} (${distribution.domainName}) serves plain HTTP: ` +
              `its ${behavior.pathPattern === null ? 'default cache behaviour' : `cache behaviour ${which}`} allows all viewer protocols.`,
          };
        }),
    ),
});
