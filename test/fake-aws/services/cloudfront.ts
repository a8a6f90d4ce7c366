// CloudFront over REST-XML (global: the SDK signs for us-east-1). ListDistributions pages with
// Marker/NextMarker inside <DistributionList>; GetDistribution answers one distribution with its
// whole configuration, Logging included, which the list leaves out.
import type { FakeAccount, FakeCacheBehavior, FakeDistribution } from '../model.js';
import { FakeAwsError, XmlList } from '../protocols.js';
import type { FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';

function arn(account: FakeAccount, distribution: FakeDistribution): string {
  return `arn:${account.partition}:cloudfront::${account.id}:distribution/${distribution.id}`;
}

function behavior(cache: FakeCacheBehavior, targetOriginId: string) {
  return {
    ...(cache.pathPattern !== null && { PathPattern: cache.pathPattern }),
    TargetOriginId: targetOriginId,
    ViewerProtocolPolicy: cache.viewerProtocolPolicy,
    ...(cache.realtimeLogConfigArn !== null && { RealtimeLogConfigArn: cache.realtimeLogConfigArn }),
  };
}

/** What ListDistributions' summary and GetDistribution's DistributionConfig both hold. */
function sharedConfig(distribution: FakeDistribution) {
  const target = distribution.origins[0]?.id ?? '';
  const [defaultBehavior, ...ordered] = distribution.behaviors;
  return {
    Aliases: { Quantity: distribution.aliases.length, Items: new XmlList('CNAME', distribution.aliases) },
    Origins: {
      Quantity: distribution.origins.length,
      Items: new XmlList(
        'Origin',
        distribution.origins.map((origin) => ({
          Id: origin.id,
          DomainName: origin.domainName,
          OriginPath: '',
          ...(origin.s3
            ? { S3OriginConfig: { OriginAccessIdentity: origin.originAccessIdentity } }
            : {
                CustomOriginConfig: {
                  HTTPPort: 80,
                  HTTPSPort: 443,
                  OriginProtocolPolicy: 'http-only',
                },
              }),
          OriginAccessControlId: origin.originAccessControlId,
        })),
      ),
    },
    DefaultCacheBehavior: behavior(defaultBehavior!, target),
    CacheBehaviors: {
      Quantity: ordered.length,
      Items: new XmlList(
        'CacheBehavior',
        ordered.map((cache) => behavior(cache, target)),
      ),
    },
    Comment: '',
    Enabled: true,
  };
}

export const cloudFrontService: FakeService = {
  signingName: 'cloudfront',
  actionPrefix: 'cloudfront',
  protocol: {
    kind: 'restXml',
    xmlns: 'http://cloudfront.amazonaws.com/doc/2020-05-31/',
    routes: {
      ListDistributions: { method: 'GET', path: /^\/2020-05-31\/distribution$/ },
      GetDistribution: { method: 'GET', path: /^\/2020-05-31\/distribution\/(?<Id>[^/]+)$/ },
    },
  },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalError', status: 500 },
  },
  operations: {
    ListDistributions: (input, { account }) => {
      const maxItems = Number(input.MaxItems ?? 100);
      const { page, next } = tokenPage(account.distributions, input.Marker, maxItems);
      return {
        root: 'DistributionList',
        content: {
          Marker: input.Marker ?? '',
          NextMarker: next,
          MaxItems: maxItems,
          IsTruncated: next !== undefined,
          Quantity: page.length,
          Items: new XmlList(
            'DistributionSummary',
            page.map((distribution) => ({
              Id: distribution.id,
              ARN: arn(account, distribution),
              Status: 'Deployed',
              DomainName: distribution.domainName,
              ...sharedConfig(distribution),
            })),
          ),
        },
      };
    },
    GetDistribution(input, context) {
      const distribution = context.account.distributions.find(({ id }) => id === input.Id);
      if (!distribution) {
        throw new FakeAwsError('NoSuchDistribution', 'The specified distribution does not exist.', 404);
      }
      if (distribution.readDenied) {
        throw accessDeniedError(cloudFrontService, 'cloudfront:GetDistribution', context);
      }
      return {
        root: 'Distribution',
        content: {
          Id: distribution.id,
          ARN: arn(context.account, distribution),
          Status: 'Deployed',
          DomainName: distribution.domainName,
          DistributionConfig: {
            CallerReference: `fake-${distribution.id}`,
            ...sharedConfig(distribution),
            Logging: {
              Enabled: distribution.logBucket !== null,
              IncludeCookies: false,
              Bucket: distribution.logBucket ?? '',
              Prefix: '',
            },
          },
        },
      };
    },
  },
};
