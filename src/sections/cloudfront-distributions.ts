// cloudFrontDistributions: each CloudFront distribution's origins, cache behaviours and access
// logging. CloudFront is global (its API answers in us-east-1). ListDistributions gives the origins
// and behaviours (real-time log configs included) but not standard logging, so GetDistribution is
// asked only for a distribution with no real-time logs on any behaviour: one with them is logged
// whatever the rest says. A distribution the caller may not read keeps the reason, so
// cloudfront-access-logging reports it "not evaluated" by name. Standard logging v2 is set up
// through CloudWatch Logs deliveries and shows in neither answer: it is not read.
import pLimit from 'p-limit';
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { isAccessDenied } from '../collect/failures.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validateInput, validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const distributionSchema = z.object({
  id: z.string(),
  arn: z.string(),
  domainName: z.string(),
  aliases: z.array(z.string()),
  origins: z.array(
    z.object({
      id: z.string(),
      domainName: z.string(),
      /** An S3OriginConfig origin (a bucket's REST endpoint); website endpoints are custom origins. */
      s3: z.boolean(),
      /** null: none. */
      originAccessControlId: z.string().nullable(),
      originAccessIdentity: z.string().nullable(),
    }),
  ),
  behaviors: z.array(
    z.object({
      /** null: the default cache behaviour. */
      pathPattern: z.string().nullable(),
      viewerProtocolPolicy: z.string(),
      realtimeLogConfigArn: z.string().nullable(),
    }),
  ),
  /** Standard logging (legacy) on; null when not read (see `loggingUnreadReason`, or real-time logs made it moot). */
  standardLogging: z.boolean().nullable(),
  loggingUnreadReason: z.string().nullable(),
});
export type Distribution = z.infer<typeof distributionSchema>;

/** CloudFront has one endpoint; the SDK signs it for this region. */
export const CLOUDFRONT_REGION = 'us-east-1';

const items = <T extends z.ZodTypeAny>(item: T) => z.object({ Items: z.array(item).nullish() }).nullish();

const behaviorOutput = z.object({
  PathPattern: optionalString,
  ViewerProtocolPolicy: z.string(),
  RealtimeLogConfigArn: optionalString,
});

/** What ListDistributions' DistributionSummary and GetDistribution's DistributionConfig share. */
const distributionShape = z.object({
  Aliases: items(z.string()),
  Origins: items(
    z.object({
      Id: z.string(),
      DomainName: z.string(),
      S3OriginConfig: z.object({ OriginAccessIdentity: optionalString }).nullish(),
      OriginAccessControlId: optionalString,
    }),
  ),
  DefaultCacheBehavior: behaviorOutput,
  CacheBehaviors: items(behaviorOutput),
});
type DistributionShape = z.infer<typeof distributionShape>;

const identity = z.object({ Id: z.string(), ARN: z.string(), DomainName: z.string() });

const listDistributionsPage = z.object({
  DistributionList: z.object({ Items: z.array(identity.merge(distributionShape)).nullish() }),
});

const getDistributionOutput = z.object({
  Distribution: identity.extend({
    DistributionConfig: distributionShape.extend({
      Logging: z.object({ Enabled: z.boolean().nullish() }).nullish(),
    }),
  }),
});

function normalize(
  id: z.infer<typeof identity>,
  shape: DistributionShape,
  logging: Pick<Distribution, 'standardLogging' | 'loggingUnreadReason'>,
): Distribution {
  return {
    id: id.Id,
    arn: id.ARN,
    domainName: id.DomainName,
    aliases: shape.Aliases?.Items ?? [],
    origins: (shape.Origins?.Items ?? []).map((origin) => ({
      id: origin.Id,
      domainName: origin.DomainName,
      s3: origin.S3OriginConfig != null,
      // The API sends an empty element for "none".
      originAccessControlId: origin.OriginAccessControlId || null,
      originAccessIdentity: origin.S3OriginConfig?.OriginAccessIdentity || null,
    })),
    behaviors: [shape.DefaultCacheBehavior, ...(shape.CacheBehaviors?.Items ?? [])].map((behavior) => ({
      pathPattern: behavior.PathPattern,
      viewerProtocolPolicy: behavior.ViewerProtocolPolicy,
      realtimeLogConfigArn: behavior.RealtimeLogConfigArn,
    })),
    ...logging,
  };
}

const NOT_READ = { standardLogging: null, loggingUnreadReason: null };

/** ListDistributions pages -> the distributions, standard logging not yet read. */
export function normalizeDistributionList(pages: readonly unknown[], source: string): Distribution[] {
  return validatePages(listDistributionsPage, pages, source).flatMap((page) =>
    (page.DistributionList.Items ?? []).map((summary) => normalize(summary, summary, NOT_READ)),
  );
}

/** One GetDistribution output -> the distribution, standard logging included. */
export function normalizeDistribution(output: unknown, source: string): Distribution {
  const { Distribution: distribution } = validateInput(getDistributionOutput, output, source);
  const config = distribution.DistributionConfig;
  return normalize(distribution, config, {
    standardLogging: config.Logging?.Enabled ?? false,
    loggingUnreadReason: null,
  });
}

/** Real-time logs on any behaviour log the distribution; only then is standard logging moot. */
export function hasRealtimeLogs(distribution: Distribution): boolean {
  return distribution.behaviors.some((behavior) => behavior.realtimeLogConfigArn);
}

/** Largest page ListDistributions allows (as a string: the API's MaxItems is one). */
const DISTRIBUTIONS_PAGE_SIZE = 100;
const DETAIL_CONCURRENCY = 4;

export const cloudFrontDistributionsSection = defineSection({
  name: 'cloudFrontDistributions',
  data: z.array(distributionSchema),
  reads: ['cloudfront:ListDistributions', 'cloudfront:GetDistribution'],
  async collect({ clients }) {
    const { GetDistributionCommand, ListDistributionsCommand } = await import('@aws-sdk/client-cloudfront');
    const cloudfront = clients.inRegion('cloudfront', CLOUDFRONT_REGION);
    const pages = await allTokenPages(
      (Marker) =>
        cloudfront.send(new ListDistributionsCommand({ MaxItems: DISTRIBUTIONS_PAGE_SIZE, Marker })),
      (page) => (page.DistributionList?.IsTruncated ? page.DistributionList.NextMarker : undefined),
    );
    const listed = normalizeDistributionList(pages, 'cloudfront:ListDistributions response');
    const limit = pLimit(DETAIL_CONCURRENCY);
    return Promise.all(
      listed.map((distribution) =>
        hasRealtimeLogs(distribution)
          ? distribution
          : limit(async () => {
              try {
                const output = await cloudfront.send(new GetDistributionCommand({ Id: distribution.id }));
                return normalizeDistribution(
                  output,
                  `cloudfront:GetDistribution response for ${distribution.id}`,
                );
              } catch (error) {
                if (!isAccessDenied(error)) throw error;
                return {
                  ...distribution,
                  loggingUnreadReason: `cloudfront:GetDistribution was denied for ${distribution.id}`,
                };
              }
            }),
      ),
    );
  },
  // The AWS CLI has no output of every distribution with its logging, so the file is the
  // get-distribution output of each, in one JSON array.
  awsCli: {
    kind: 'file',
    files: [
      // An account without distributions saves an empty list: none, not a missing answer.
      { name: 'get-distributions.json', shape: { required: { Distribution: 'object' }, perItem: true } },
    ],
    howToSave:
      // jq, not --output text: that prints None for an account without distributions (no Items).
      "for ID in $(aws cloudfront list-distributions | jq -r '.DistributionList.Items[]?.Id'); " +
      'do aws cloudfront get-distribution --id "$ID"; done | jq -s . > get-distributions.json',
    action: 'cloudfront:GetDistribution',
    read: (file) =>
      pagesOf(parseCliJson(file)).map((output, index) =>
        normalizeDistribution(output, `${file.path} item ${index + 1}`),
      ),
  },
});
