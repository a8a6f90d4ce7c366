import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const cloudfrontOriginAccess = defineRule({
  id: 'cloudfront-origin-access',
  title: 'CloudFront reaches its S3 origins through origin access control',
  severity: 'medium',
  needs: ['cloudFrontDistributions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An S3 origin without origin access control (or the legacy origin access identity) is fetched ' +
      'anonymously, so the bucket must be readable by anyone: visitors can skip CloudFront and its ' +
      'HTTPS, WAF, geo and signed-URL rules, and read the bucket directly. With OAC, CloudFront signs ' +
      'its requests and the bucket policy can admit only that distribution.\n\n' +
      'Read from `cloudfront:ListDistributions`: origins with an `S3OriginConfig` and neither an ' +
      '`OriginAccessControlId` nor an `OriginAccessIdentity`. An S3 *website* endpoint is a custom ' +
      'origin, which OAC cannot protect: such a bucket is public by design, and `s3-bucket-public-access` ' +
      'judges it.',
    remediation:
      'Create an origin access control (CloudFront console > Origin access > Create control setting, ' +
      'signing always), attach it to the origin, then replace the public bucket policy with one that ' +
      'allows `s3:GetObject` to `cloudfront.amazonaws.com` on condition `AWS:SourceArn` = the ' +
      "distribution's ARN, and turn Block Public Access back on.",
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13',
    ],
  },
  frameworks: { 'aws-security-hub': ['CloudFront.13'] },
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFrontDistributions').flatMap((distribution) =>
      distribution.origins
        .filter((origin) => origin.s3 && !origin.originAccessControlId && !origin.originAccessIdentity)
        .map((origin) => ({
          resource: distribution.arn,
          discriminator: origin.id,
          message:
            `CloudFront distribution ${distribution.id} reaches S3 origin ${origin.domainName} without origin ` +
            'access control or identity, so the bucket must be readable by anyone.',
        })),
    ),
});
