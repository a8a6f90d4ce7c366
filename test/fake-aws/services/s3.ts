// S3 and S3 Control over restXml. Both sign as `s3`, so one fake serves both: S3 Control's paths
// start with /v20180820/. Buckets are addressed path-style (the SDK uses it for an IP endpoint).
// Operations are named by their IAM action (ListBuckets is s3:ListAllMyBuckets), so request
// counts and faults are keyed the way a policy grants them.
//
// Like S3, a bucket answers only in its own region (301 PermanentRedirect elsewhere), except
// GetBucketLocation, which any region answers.
import type { FakeBucket, FakePublicAccessBlock } from '../model.js';
import type { RestXmlRoute, XmlDocument } from '../protocols.js';
import { FakeAwsError, RawBody, XmlElement, XmlList } from '../protocols.js';
import type { FakeRequestContext, FakeService, OperationHandler } from '../service.js';
import { tokenPage } from '../service.js';

/** A bucket's own path (path-style addressing), its sub-resource named by a query-string key. */
const BUCKET_PATH = /^\/(?<Bucket>[^/]+)\/?$/;

function bucketRoute(subresource: string): RestXmlRoute {
  return { method: 'GET', path: BUCKET_PATH, query: subresource };
}

const routes: Record<string, RestXmlRoute> = {
  GetAccountPublicAccessBlock: {
    method: 'GET',
    path: /^\/v20180820\/configuration\/publicAccessBlock$/,
    headers: { AccountId: 'x-amz-account-id' },
  },
  ListAllMyBuckets: { method: 'GET', path: /^\/$/ },
  GetBucketLocation: bucketRoute('location'),
  GetBucketPolicyStatus: bucketRoute('policyStatus'),
  GetBucketPolicy: bucketRoute('policy'),
  GetBucketAcl: bucketRoute('acl'),
  GetBucketPublicAccessBlock: bucketRoute('publicAccessBlock'),
  GetBucketLogging: bucketRoute('logging'),
  GetBucketWebsite: bucketRoute('website'),
};

/**
 * The bucket named in the request for `operation`, as S3 answers it from the region it was asked
 * in (GetBucketLocation answers from any).
 */
function bucketOf(
  input: Record<string, unknown>,
  context: FakeRequestContext,
  operation: string,
): FakeBucket {
  const bucket = context.account.s3.buckets.find((candidate) => candidate.name === input.Bucket);
  if (!bucket) throw new FakeAwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
  if (bucket.denies.includes(`s3:${operation}`)) throw new FakeAwsError('AccessDenied', 'Access Denied', 403);
  const anyRegion = operation === 'GetBucketLocation';
  if (!anyRegion && bucket.region !== context.region) {
    throw new FakeAwsError(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint.',
      301,
    );
  }
  return bucket;
}

function publicAccessBlockBody(settings: FakePublicAccessBlock | null): XmlDocument {
  if (!settings) {
    throw new FakeAwsError(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
    );
  }
  return { root: 'PublicAccessBlockConfiguration', content: settings };
}

const noSuchBucketPolicy = () =>
  new FakeAwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);

/** ListBuckets' query parameters: any one of them makes S3 name each bucket's region. */
const LIST_BUCKETS_PARAMETERS = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'];

/** ListBuckets' default and largest page. */
const MAX_BUCKETS = 10_000;

const operations: Record<string, OperationHandler> = {
  GetAccountPublicAccessBlock: (input, context) => {
    if (input.AccountId !== context.account.id) {
      throw new FakeAwsError('AccessDenied', `Access Denied for account ${String(input.AccountId)}`, 403);
    }
    return publicAccessBlockBody(context.account.s3.accountPublicAccessBlock);
  },
  ListAllMyBuckets: (input, context) => {
    const asked = input['max-buckets'] === undefined ? MAX_BUCKETS : Number(input['max-buckets']);
    const size = Math.min(asked, context.account.s3.listPageSize ?? MAX_BUCKETS);
    const { page, next } = tokenPage(context.account.s3.buckets, input['continuation-token'], size);
    // S3 names each bucket's region only when the request has at least one parameter.
    const withRegion =
      context.account.s3.listsBucketRegions !== false &&
      LIST_BUCKETS_PARAMETERS.some((parameter) => input[parameter] !== undefined);
    return {
      root: 'ListAllMyBucketsResult',
      content: {
        Owner: { ID: 'fake-owner' },
        Buckets: new XmlList(
          'Bucket',
          page.map((bucket) => ({
            Name: bucket.name,
            CreationDate: bucket.created,
            ...(withRegion ? { BucketRegion: bucket.region } : {}),
          })),
        ),
        ContinuationToken: next,
      },
    };
  },
  GetBucketLocation: (input, context) => {
    const { region, locationConstraint } = bucketOf(input, context, 'GetBucketLocation');
    // us-east-1 answers an empty constraint (the SDK reads the value only with S3's namespace).
    return {
      root: 'LocationConstraint',
      content: locationConstraint ?? (region === 'us-east-1' ? '' : region),
    };
  },
  GetBucketPolicyStatus: (input, context) => {
    const bucket = bucketOf(input, context, 'GetBucketPolicyStatus');
    if (!bucket.policy) throw noSuchBucketPolicy();
    return { root: 'PolicyStatus', content: { IsPublic: bucket.policyIsPublic } };
  },
  GetBucketPolicy: (input, context) => {
    const { policy } = bucketOf(input, context, 'GetBucketPolicy');
    if (!policy) throw noSuchBucketPolicy();
    return new RawBody(JSON.stringify(policy));
  },
  GetBucketAcl: (input, context) => {
    const grants = bucketOf(input, context, 'GetBucketAcl').aclGrants.map((grant) => ({
      Grantee: new XmlElement(
        { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:type': grant.type },
        grant.uri ? { URI: grant.uri } : { ID: 'fake-owner' },
      ),
      Permission: grant.permission,
    }));
    return {
      root: 'AccessControlPolicy',
      content: { Owner: { ID: 'fake-owner' }, AccessControlList: new XmlList('Grant', grants) },
    };
  },
  GetBucketPublicAccessBlock: (input, context) =>
    publicAccessBlockBody(bucketOf(input, context, 'GetBucketPublicAccessBlock').publicAccessBlock),
  GetBucketLogging: (input, context) => {
    const { logging } = bucketOf(input, context, 'GetBucketLogging');
    return {
      root: 'BucketLoggingStatus',
      content: logging
        ? { LoggingEnabled: { TargetBucket: logging.targetBucket, TargetPrefix: logging.targetPrefix } }
        : {},
    };
  },
  GetBucketWebsite: (input, context) => {
    if (!bucketOf(input, context, 'GetBucketWebsite').website) {
      throw new FakeAwsError(
        'NoSuchWebsiteConfiguration',
        'The specified bucket does not have a website configuration',
        404,
      );
    }
    return { root: 'WebsiteConfiguration', content: { IndexDocument: { Suffix: 'index.html' } } };
  },
};

export const s3Service: FakeService = {
  signingName: 's3',
  actionPrefix: 's3',
  // S3 Control's answers carry its own namespace in AWS; the SDK reads them without it.
  protocol: { kind: 'restXml', xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', routes },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'SlowDown', status: 503 },
    serverError: { code: 'InternalError', status: 500 },
  },
  operations,
};
