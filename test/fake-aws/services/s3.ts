// S3 and S3 Control over restXml. Both sign as `s3`, so one fake serves both: S3 Control's paths
// start with /v20180820/. Buckets are addressed path-style (the SDK uses it for an IP endpoint).
// Operations are named by their IAM action (ListBuckets is s3:ListAllMyBuckets), so request
// counts and faults are keyed the way a policy grants them.
//
// Like S3, a bucket answers only in its own region (301 PermanentRedirect elsewhere), except
// GetBucketLocation, which any region answers.
import type { FakeBucket, FakePublicAccessBlock } from '../model.js';
import type { DecodedRequest } from '../protocols.js';
import { escapeXml, FakeAwsError, RestXmlBody } from '../protocols.js';
import type { FakeRequestContext, FakeService, OperationHandler } from '../service.js';
import { tokenPage } from '../service.js';

const S3_CONTROL_PUBLIC_ACCESS_BLOCK = '/v20180820/configuration/publicAccessBlock';

/** The sub-resource in a bucket request's query string -> its IAM action. */
const BUCKET_SUBRESOURCES: Record<string, string> = {
  location: 'GetBucketLocation',
  policyStatus: 'GetBucketPolicyStatus',
  policy: 'GetBucketPolicy',
  acl: 'GetBucketAcl',
  publicAccessBlock: 'GetBucketPublicAccessBlock',
  logging: 'GetBucketLogging',
  website: 'GetBucketWebsite',
};

function route(
  method: string,
  url: URL,
  headers: Record<string, string | string[] | undefined>,
): DecodedRequest {
  if (method !== 'GET') return { operation: '', input: {} };
  if (url.pathname === S3_CONTROL_PUBLIC_ACCESS_BLOCK) {
    return { operation: 'GetAccountPublicAccessBlock', input: { AccountId: headers['x-amz-account-id'] } };
  }
  const query = Object.fromEntries(url.searchParams);
  if (url.pathname === '/') return { operation: 'ListAllMyBuckets', input: query };
  const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
  const subresource = Object.keys(BUCKET_SUBRESOURCES).find((key) => url.searchParams.has(key));
  return { operation: subresource ? BUCKET_SUBRESOURCES[subresource]! : '', input: { Bucket: bucket } };
}

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

function publicAccessBlockBody(settings: FakePublicAccessBlock | null): RestXmlBody {
  if (!settings) {
    throw new FakeAwsError(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
    );
  }
  return RestXmlBody.element('PublicAccessBlockConfiguration', settings);
}

const noSuchBucketPolicy = () =>
  new FakeAwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);

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
    const size = input['max-buckets'] === undefined ? MAX_BUCKETS : Number(input['max-buckets']);
    const { page, next } = tokenPage(context.account.s3.buckets, input['continuation-token'], size);
    return RestXmlBody.element(
      'ListAllMyBucketsResult',
      {
        Owner: { ID: 'fake-owner' },
        Buckets: page.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.created })),
        ContinuationToken: next,
      },
      'Bucket',
    );
  },
  GetBucketLocation: (input, context) => {
    const { region } = bucketOf(input, context, 'GetBucketLocation');
    // us-east-1 answers an empty constraint (the SDK reads the value only with S3's namespace); eu-west-1 buckets of old answer the legacy EU.
    return RestXmlBody.xml(
      `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region === 'us-east-1' ? '' : region}</LocationConstraint>`,
    );
  },
  GetBucketPolicyStatus: (input, context) => {
    const bucket = bucketOf(input, context, 'GetBucketPolicyStatus');
    if (!bucket.policy) throw noSuchBucketPolicy();
    return RestXmlBody.element('PolicyStatus', { IsPublic: bucket.policyIsPublic });
  },
  GetBucketPolicy: (input, context) => {
    const { policy } = bucketOf(input, context, 'GetBucketPolicy');
    if (!policy) throw noSuchBucketPolicy();
    return RestXmlBody.raw(JSON.stringify(policy));
  },
  GetBucketAcl: (input, context) => {
    const grants = bucketOf(input, context, 'GetBucketAcl')
      .aclGrants.map(
        (grant) =>
          `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${grant.type}">` +
          (grant.uri ? `<URI>${escapeXml(grant.uri)}</URI>` : '<ID>fake-owner</ID>') +
          `</Grantee><Permission>${grant.permission}</Permission></Grant>`,
      )
      .join('');
    return RestXmlBody.xml(
      `<AccessControlPolicy><Owner><ID>fake-owner</ID></Owner><AccessControlList>${grants}</AccessControlList></AccessControlPolicy>`,
    );
  },
  GetBucketPublicAccessBlock: (input, context) =>
    publicAccessBlockBody(bucketOf(input, context, 'GetBucketPublicAccessBlock').publicAccessBlock),
  GetBucketLogging: (input, context) => {
    const { logging } = bucketOf(input, context, 'GetBucketLogging');
    return RestXmlBody.element(
      'BucketLoggingStatus',
      logging
        ? { LoggingEnabled: { TargetBucket: logging.targetBucket, TargetPrefix: logging.targetPrefix } }
        : {},
    );
  },
  GetBucketWebsite: (input, context) => {
    if (!bucketOf(input, context, 'GetBucketWebsite').website) {
      throw new FakeAwsError(
        'NoSuchWebsiteConfiguration',
        'The specified bucket does not have a website configuration',
        404,
      );
    }
    return RestXmlBody.element('WebsiteConfiguration', { IndexDocument: { Suffix: 'index.html' } });
  },
};

export const s3Service: FakeService = {
  signingName: 's3',
  actionPrefix: 's3',
  protocol: { kind: 'restXml', route },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'SlowDown', status: 503 },
    serverError: { code: 'InternalError', status: 500 },
  },
  operations,
};
