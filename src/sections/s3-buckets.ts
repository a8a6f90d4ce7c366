// s3Buckets: every bucket of the account with what the S3 rules judge: where it lives, AWS's own
// verdict on its policy (GetBucketPolicyStatus), the policy itself (kept for resource-policy
// rules), its ACL grants, its Block Public Access settings, access logging and website hosting.
//
// Buckets are listed once (ListBuckets is global), but each answers only in its own region, so the
// other calls go to a client of that region: the one ListBuckets names, or GetBucketLocation's
// answer where the list names none. A call the caller may not make (or that fails after retries)
// leaves that part of that bucket unread, named in `unread`: the rules needing it say the bucket
// was not evaluated, and the others still judge it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { allTokenPages } from '../collect/collector.js';
import { ReadOnlyViolation, sectionFailure } from '../collect/failures.js';
import type { CliFile } from '../snapshot/aws-cli-file.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { InputError } from '../errors.js';
import { optionalString, validateInput, validatePages } from '../snapshot/input-validation.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { normalizePolicyDocument, PolicyDocumentError } from '../snapshot/policy-document.js';
import { policyDocumentSchema, sectionErrorSchema } from '../snapshot/schema-parts.js';
import type { SectionError } from '../snapshot/schema-parts.js';
import {
  NO_PUBLIC_ACCESS_BLOCK,
  NO_PUBLIC_ACCESS_BLOCK_CODE,
  normalizePublicAccessBlock,
  publicAccessBlockSchema,
  unlessNotConfigured,
} from './s3-account-public-access-block.js';
import { defineSection } from './section.js';

/** The parts of a bucket read by one call each, as `unread` names them. */
export const BUCKET_PARTS = [
  'location',
  'policyStatus',
  'policy',
  'acl',
  'publicAccessBlock',
  'logging',
  'website',
] as const;
export type BucketPart = (typeof BUCKET_PARTS)[number];

const grantSchema = z.object({
  /** `Group`, `CanonicalUser` or `AmazonCustomerByEmail`. */
  granteeType: z.string(),
  /** A group grantee's URI (`http://acs.amazonaws.com/groups/global/AllUsers`). */
  granteeUri: z.string().nullable(),
  permission: z.string(),
});
export type BucketGrant = z.infer<typeof grantSchema>;

export const bucketSchema = z.object({
  name: z.string(),
  /** Where the bucket lives; null when GetBucketLocation was refused (nothing else was read then). */
  region: z.string().nullable(),
  /** GetBucketPolicyStatus: AWS's verdict on whether the bucket policy makes the bucket public. */
  policyIsPublic: z.boolean().nullable(),
  /** The bucket policy; null when there is none (or it was not read: see `unread`). */
  policy: policyDocumentSchema.nullable(),
  aclGrants: z.array(grantSchema).nullable(),
  /** The bucket's own Block Public Access settings (all off when none are set). */
  publicAccessBlock: publicAccessBlockSchema.nullable(),
  /** Where server access logs go; null when logging is off. */
  logging: z.object({ targetBucket: z.string(), targetPrefix: z.string() }).nullable(),
  /** Whether static website hosting is configured. */
  website: z.boolean().nullable(),
  /** The parts that could not be read, and why. */
  unread: z.partialRecord(z.enum(BUCKET_PARTS), sectionErrorSchema),
});
export type Bucket = z.infer<typeof bucketSchema>;

// ---------- normalisers: one per call, shared by the collector and the AWS CLI reader ----------

const listBucketsPage = z.object({
  Buckets: z.array(z.object({ Name: z.string(), BucketRegion: optionalString })).optional(),
});

/** A bucket as ListBuckets names it: its region only when the answer holds it. */
export interface ListedBucket {
  name: string;
  region: string | null;
}

/**
 * ListBuckets pages -> the buckets. S3 names each bucket's region when the request has a
 * parameter (iamspect always sends MaxBuckets), which spares a GetBucketLocation per bucket; an
 * answer without it (an S3-compatible endpoint, a saved list) leaves the region to be asked.
 */
export function normalizeListedBuckets(pages: readonly unknown[], source: string): ListedBucket[] {
  return validatePages(listBucketsPage, pages, source).flatMap((page) =>
    (page.Buckets ?? []).map((bucket) => ({ name: bucket.Name, region: bucket.BucketRegion || null })),
  );
}

const locationOutput = z.object({ LocationConstraint: optionalString });

/**
 * GetBucketLocation -> the region. S3 answers no constraint for us-east-1 and the legacy `EU` for
 * buckets created in eu-west-1 long ago.
 */
export function normalizeBucketRegion(output: unknown, source: string): string {
  const constraint = validateInput(locationOutput, output, source).LocationConstraint;
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

const policyStatusOutput = z.object({
  PolicyStatus: z.object({ IsPublic: z.boolean().optional() }).optional(),
});

/** GetBucketPolicyStatus -> whether AWS judges the bucket policy public. */
export function normalizePolicyStatus(output: unknown, source: string): boolean {
  return validateInput(policyStatusOutput, output, source).PolicyStatus?.IsPublic ?? false;
}

const policyOutput = z.object({ Policy: z.string().optional() });

/** GetBucketPolicy -> the policy document, or null when the output holds none. */
export function normalizeBucketPolicy(output: unknown, source: string) {
  const text = validateInput(policyOutput, output, source).Policy;
  return text === undefined ? null : normalizePolicyDocument(text);
}

const aclOutput = z.object({
  Grants: z
    .array(
      z.object({
        Grantee: z.object({ Type: z.string(), URI: optionalString }).optional(),
        Permission: z.string().optional(),
      }),
    )
    .optional(),
});

/** GetBucketAcl -> its grants. */
export function normalizeBucketAcl(output: unknown, source: string): BucketGrant[] {
  return (validateInput(aclOutput, output, source).Grants ?? []).flatMap((grant) =>
    grant.Grantee && grant.Permission
      ? [{ granteeType: grant.Grantee.Type, granteeUri: grant.Grantee.URI, permission: grant.Permission }]
      : [],
  );
}

const loggingOutput = z.object({
  LoggingEnabled: z.object({ TargetBucket: z.string(), TargetPrefix: z.string().optional() }).optional(),
});

/** GetBucketLogging -> where the logs go, or null when server access logging is off. */
export function normalizeBucketLogging(output: unknown, source: string): Bucket['logging'] {
  const enabled = validateInput(loggingOutput, output, source).LoggingEnabled;
  return enabled ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? '' } : null;
}

const websiteOutput = z.object({
  IndexDocument: z.unknown().optional(),
  RedirectAllRequestsTo: z.unknown().optional(),
});

/** GetBucketWebsite -> whether website hosting is on (an index document or a redirect of every request). */
export function normalizeBucketWebsite(output: unknown, source: string): boolean {
  const website = validateInput(websiteOutput, output, source);
  return website.IndexDocument !== undefined || website.RedirectAllRequestsTo !== undefined;
}

// ---------- assembling a bucket ----------

/** How each part of a bucket was answered: the call's output, S3's "none" code, or an error. */
export type PartAnswer = { output: unknown } | { none: true } | { error: SectionError };

type PartOutputs = Record<Exclude<BucketPart, 'location'>, PartAnswer>;

/** A bucket whose region could not be read: nothing else about it was asked. */
export function unlocatedBucket(name: string, error: SectionError): Bucket {
  return {
    name,
    region: null,
    policyIsPublic: null,
    policy: null,
    aclGrants: null,
    publicAccessBlock: null,
    logging: null,
    website: null,
    unread: { location: error },
  };
}

/** A bucket from each part's answer; `source(part)` names where an output came from in errors. */
export function assembleBucket(
  name: string,
  region: string,
  answers: PartOutputs,
  source: (part: BucketPart) => string,
): Bucket {
  const unread: Bucket['unread'] = {};
  function read<T>(
    part: Exclude<BucketPart, 'location'>,
    normalize: (output: unknown, from: string) => T,
    none: T,
  ) {
    const answer = answers[part];
    if ('error' in answer) {
      unread[part] = answer.error;
      return null;
    }
    if ('none' in answer) return none;
    try {
      return normalize(answer.output, source(part));
    } catch (error) {
      // One bucket's undecodable policy leaves that policy unread, not the account's buckets.
      if (!(error instanceof PolicyDocumentError)) throw error;
      unread[part] = { code: 'InvalidPolicyDocument', message: `${source(part)}: ${error.message}` };
      return null;
    }
  }
  const bucket: Bucket = {
    name,
    region,
    policyIsPublic: read('policyStatus', normalizePolicyStatus, false),
    policy: read('policy', normalizeBucketPolicy, null),
    aclGrants: read('acl', normalizeBucketAcl, []),
    publicAccessBlock: read('publicAccessBlock', normalizePublicAccessBlock, NO_PUBLIC_ACCESS_BLOCK),
    logging: read('logging', normalizeBucketLogging, null),
    website: read('website', normalizeBucketWebsite, false),
    unread,
  };
  return bucket;
}

// ---------- the live collector ----------

/** The codes S3 answers when a part is simply not configured. */
const NOT_CONFIGURED: Partial<Record<BucketPart, string>> = {
  policyStatus: 'NoSuchBucketPolicy',
  policy: 'NoSuchBucketPolicy',
  publicAccessBlock: NO_PUBLIC_ACCESS_BLOCK_CODE,
  website: 'NoSuchWebsiteConfiguration',
};

/**
 * Buckets read at once. Each sends its five reads together (its policy after the policy status),
 * so about five times this many requests are in flight: S3 takes thousands a second per prefix,
 * and the SDK's per-client socket pool (50) is what bounds it further.
 */
const BUCKET_CONCURRENCY = 24;
/** Largest page ListBuckets allows. */
const LIST_BUCKETS_PAGE_SIZE = 1000;

async function answerOf(part: BucketPart, call: () => Promise<unknown>): Promise<PartAnswer> {
  try {
    const notConfigured = NOT_CONFIGURED[part];
    const none = { none: true as const };
    const output = notConfigured ? await unlessNotConfigured(call, notConfigured, none) : await call();
    return output === none ? none : { output };
  } catch (error) {
    if (error instanceof ReadOnlyViolation) throw error;
    return { error: sectionFailure(error).error };
  }
}

async function collectBuckets(context: CollectContext): Promise<Bucket[]> {
  const s3Module = await import('@aws-sdk/client-s3');
  const { ListBucketsCommand, GetBucketLocationCommand } = s3Module;
  const { clients } = context;
  const pages = await allTokenPages(
    (ContinuationToken) =>
      clients.s3.send(new ListBucketsCommand({ MaxBuckets: LIST_BUCKETS_PAGE_SIZE, ContinuationToken })),
    (page) => page.ContinuationToken,
  );
  const listed = normalizeListedBuckets(pages, 's3:ListAllMyBuckets response');
  const limit = pLimit(BUCKET_CONCURRENCY);
  let done = 0;
  return Promise.all(
    listed.map((bucket) =>
      limit(async () => {
        const collected = await collectBucket(bucket);
        context.progress.update('s3Buckets', `${++done}/${listed.length} buckets`);
        return collected;
      }),
    ),
  );

  async function regionOf(Bucket: string): Promise<string | { error: SectionError }> {
    const location = await answerOf('location', () =>
      clients.s3.send(new GetBucketLocationCommand({ Bucket })),
    );
    if ('error' in location) return location;
    return normalizeBucketRegion(
      'output' in location ? location.output : {},
      `s3:GetBucketLocation of ${Bucket}`,
    );
  }

  async function collectBucket(listedBucket: ListedBucket): Promise<Bucket> {
    const Bucket = listedBucket.name;
    const region = listedBucket.region ?? (await regionOf(Bucket));
    if (typeof region !== 'string') return unlocatedBucket(Bucket, region.error);
    const s3 = clients.inRegion('s3', region);
    const [[policyStatus, policy], acl, publicAccessBlock, logging, website] = await Promise.all([
      policyAnswers(),
      answerOf('acl', () => s3.send(new s3Module.GetBucketAclCommand({ Bucket }))),
      answerOf('publicAccessBlock', () => s3.send(new s3Module.GetPublicAccessBlockCommand({ Bucket }))),
      answerOf('logging', () => s3.send(new s3Module.GetBucketLoggingCommand({ Bucket }))),
      answerOf('website', () => s3.send(new s3Module.GetBucketWebsiteCommand({ Bucket }))),
    ]);
    return assembleBucket(
      Bucket,
      region,
      { policyStatus, policy, acl, publicAccessBlock, logging, website },
      (part) => `S3 ${part} response of bucket ${Bucket}`,
    );

    /**
     * The policy's status, then the policy itself unless the status said there is none: most
     * buckets have no policy, and for them this is one request instead of two.
     */
    async function policyAnswers(): Promise<[PartAnswer, PartAnswer]> {
      const status = await answerOf('policyStatus', () =>
        s3.send(new s3Module.GetBucketPolicyStatusCommand({ Bucket })),
      );
      if ('none' in status) return [status, status];
      return [
        status,
        await answerOf('policy', () => s3.send(new s3Module.GetBucketPolicyCommand({ Bucket }))),
      ];
    }
  }
}

// ---------- the AWS CLI reader ----------

const LIST_BUCKETS = 'list-buckets.json';

/**
 * The AWS CLI command saving each part of one bucket, to `<command>.<bucket>.json` beside
 * list-buckets.json, and the keys its output always holds (any one of them for the website). A
 * command answering "not configured" (NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration,
 * NoSuchWebsiteConfiguration) is saved as an empty file, as is get-bucket-logging's empty answer
 * when logging is off: an empty file reads as "none", and a file missing its keys is refused, so a
 * damaged file is never taken for "none".
 */
const BUCKET_COMMANDS: Record<BucketPart, { command: string; holds: readonly string[] }> = {
  location: { command: 'get-bucket-location', holds: ['LocationConstraint'] },
  policyStatus: { command: 'get-bucket-policy-status', holds: ['PolicyStatus'] },
  policy: { command: 'get-bucket-policy', holds: ['Policy'] },
  acl: { command: 'get-bucket-acl', holds: ['Grants'] },
  publicAccessBlock: { command: 'get-public-access-block', holds: ['PublicAccessBlockConfiguration'] },
  logging: { command: 'get-bucket-logging', holds: ['LoggingEnabled'] },
  website: { command: 'get-bucket-website', holds: ['IndexDocument', 'RedirectAllRequestsTo'] },
};
const BUCKET_COMMAND_NAMES = Object.values(BUCKET_COMMANDS).map(({ command }) => command);

/**
 * One bucket's saved output for `part`; a file not saved leaves that part unread for this bucket
 * (the rules needing it say it was not evaluated), not an error.
 */
function savedBucketPart(dir: string, bucket: string, part: BucketPart): PartAnswer {
  const { command, holds } = BUCKET_COMMANDS[part];
  const name = `${command}.${bucket}.json`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    return {
      error: {
        code: 'NotSaved',
        message: `${name} was not saved beside ${LIST_BUCKETS}: aws s3api ${command} --bucket ${bucket} > ${name}`,
      },
    };
  }
  const text = readInputFile(path, 'AWS CLI output');
  if (text.trim() === '') return { none: true };
  const output = parseJsonText(text, path, 'AWS CLI output');
  if (!holds.some((key) => Object.hasOwn(Object(output), key))) {
    throw new InputError(
      `${path}: ${holds.join(' or ')} is missing (the command always prints it)`,
      `Save it again: aws s3api ${command} --bucket ${bucket} > ${name} (an empty file when S3 answers that none is set)`,
    );
  }
  return { output };
}

/** list-buckets.json and each bucket's outputs saved beside it. */
function readSavedBuckets(file: CliFile): Bucket[] {
  const dir = dirname(file.path);
  return normalizeListedBuckets(pagesOf(parseCliJson(file)), file.path).map((listed) => {
    const { name } = listed;
    const pathOf = (part: BucketPart) => join(dir, `${BUCKET_COMMANDS[part].command}.${name}.json`);
    let region = listed.region;
    if (region === null) {
      const location = savedBucketPart(dir, name, 'location');
      if ('error' in location) return unlocatedBucket(name, location.error);
      region = normalizeBucketRegion('output' in location ? location.output : {}, pathOf('location'));
    }
    const answers = Object.fromEntries(
      BUCKET_PARTS.filter((part) => part !== 'location').map((part) => [
        part,
        savedBucketPart(dir, name, part),
      ]),
    ) as PartOutputs;
    // As when collecting: a policy status answering NoSuchBucketPolicy says there is no policy.
    if ('none' in answers.policyStatus) answers.policy = answers.policyStatus;
    return assembleBucket(name, region, answers, pathOf);
  });
}

export const s3BucketsSection = defineSection({
  name: 's3Buckets',
  data: z.array(bucketSchema),
  reads: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketPolicyStatus',
    's3:GetBucketPolicy',
    's3:GetBucketAcl',
    's3:GetBucketPublicAccessBlock',
    's3:GetBucketLogging',
    's3:GetBucketWebsite',
  ],
  collect: collectBuckets,
  awsCli: {
    kind: 'file',
    files: [{ name: LIST_BUCKETS, shape: { required: { Buckets: 'list' }, more: 'ContinuationToken' } }],
    howToSave:
      `aws s3api list-buckets > ${LIST_BUCKETS}, then for each bucket B in it: ` +
      BUCKET_COMMAND_NAMES.map((command) => `aws s3api ${command} --bucket B > ${command}.B.json`).join(
        ', ',
      ) +
      ' (an empty file when one answers NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration or ' +
      'NoSuchWebsiteConfiguration; no file when one is refused)',
    action: 's3:ListAllMyBuckets',
    alongside: new RegExp(`^(${BUCKET_COMMAND_NAMES.join('|')})\\.[\\w.-]+\\.json$`),
    read: readSavedBuckets,
  },
});
