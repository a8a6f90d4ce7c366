import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { hasRealtimeLogs } from '../../sections/cloudfront-distributions.js';
import { defineRule } from '../types.js';

export const cloudfrontAccessLogging = defineRule({
  id: 'cloudfront-access-logging',
  title: 'CloudFront distributions keep access logs',
  severity: 'low',
  needs: ['cloudFrontDistributions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Access logs are the record of who fetched what from a site: without them an abuse report, a ' +
      'leaked object or a scraping incident cannot be investigated after the fact.\n\n' +
      'A distribution passes with standard logging (legacy, `Logging.Enabled` in its configuration, ' +
      'read with `cloudfront:GetDistribution`) or a real-time log configuration on any cache ' +
      'behaviour (`cloudfront:ListDistributions`). Standard logging v2 is configured as a CloudWatch ' +
      'Logs delivery and appears in neither answer: iamspect does not read it, and says so in the ' +
      'finding. A distribution whose configuration could not be read is not evaluated.',
    remediation:
      'Turn on standard logging: CloudFront console > the distribution > Logging (v2 to CloudWatch ' +
      'Logs, Firehose or S3, or legacy to an S3 bucket with ACLs enabled), or add a real-time log ' +
      'configuration to the cache behaviours.',
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5',
    ],
  },
  frameworks: { 'aws-security-hub': ['CloudFront.5'] },
  check: ({ snapshot, notEvaluated }) =>
    sectionData(snapshot, 'cloudFrontDistributions').flatMap((distribution) => {
      if (hasRealtimeLogs(distribution) || distribution.standardLogging === true) return [];
      if (distribution.standardLogging === null) {
        notEvaluated(
          distribution.arn,
          distribution.loggingUnreadReason ?? `standard logging of ${distribution.id} was not read`,
        );
        return [];
      }
      return [
        {
          resource: distribution.arn,
          message:
            `CloudFront distribution ${distribution.id} (${distribution.domainName}) has neither standard ` +
            'logging (legacy) nor real-time logs; standard logging v2 (CloudWatch Logs deliveries) is not checked.',
        },
      ];
    }),
});
