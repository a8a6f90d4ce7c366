// What the resource-policy sections share (SNS topics, SQS queues, KMS keys, Lambda functions,
// Secrets Manager secrets, ECR repositories): per enabled region, each resource with its policy
// (null: it has none), and the resources whose policy the caller may not read, named with the
// reason, so a rule reports them "not evaluated" instead of passing them. Each service is its own
// section, so that a service the caller may not list fails only its own part of the audit.
//
// Their lists never carry the policy, so reading it is one call per resource, a few at a time per
// region. Saved AWS CLI outputs hold no such per-resource answers: these sections are read live only.
import pLimit from 'p-limit';
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { awsErrorCode, isAccessDenied } from '../collect/failures.js';
import type { ReadAction } from '../collect/read-operations.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { readPolicyDocument } from '../snapshot/policy-document.js';
import { policyDocumentSchema } from '../snapshot/schema-parts.js';
import { defineSection } from './section.js';

export const resourcePolicyRegionSchema = z.object({
  region: z.string(),
  resources: z.array(
    z.object({ arn: z.string(), name: z.string(), policy: policyDocumentSchema.nullable() }),
  ),
  unreadable: z.array(z.object({ arn: z.string(), name: z.string(), reason: z.string() })),
});
export type ResourcePolicyRegion = z.infer<typeof resourcePolicyRegionSchema>;
type Readable = ResourcePolicyRegion['resources'][number];
type Unreadable = ResourcePolicyRegion['unreadable'][number];
export const resourcePoliciesData = z.array(resourcePolicyRegionSchema);

/** A resource as its service's list names it. */
export interface ListedResource {
  arn: string;
  name: string;
}

/** Policy reads in flight per region and service: enough to hide latency, few enough not to be throttled. */
const POLICY_READ_CONCURRENCY = 8;

export interface ResourcePolicySpec<N extends string, L extends ReadAction, G extends ReadAction> {
  name: N;
  /** The operation listing the region's resources. */
  list: L;
  /** The operation reading one resource's policy. */
  get: G;
  /** Lists one region's resources and reads their policies (with readResourcePolicies). */
  collectRegion(context: CollectContext, region: string): Promise<ResourcePolicyRegion>;
}

/** A resource-policy section: its two reads, per enabled region, not read from AWS CLI outputs. */
export function resourcePolicySection<
  const N extends string,
  const L extends ReadAction,
  const G extends ReadAction,
>(spec: ResourcePolicySpec<N, L, G>) {
  return defineSection({
    name: spec.name,
    data: resourcePoliciesData,
    reads: [spec.list, spec.get] as const,
    readWith: ['regions'],
    collect: (context) =>
      forEachEnabledRegion(context, spec.name, (region) => spec.collectRegion(context, region)),
    awsCli: {
      kind: 'not-read',
      why: 'its policies take one call per resource, which saved list outputs do not hold',
    },
  });
}

/** A policy as the service returns it (JSON text; absent or empty when the resource has none). */
export function resourcePolicy(text: string | undefined | null) {
  return text === undefined || text === null || text.trim() === '' ? null : readPolicyDocument(text);
}

/**
 * Reads the policy of every listed resource of one region. `read` returns the policy text, or
 * undefined when the resource has none (each service says so its own way). A refused read names
 * the resource as unreadable; any other failure fails the section, as a failed list would.
 */
export async function readResourcePolicies<R extends ListedResource>(
  region: string,
  listed: readonly R[],
  action: string,
  read: (resource: R) => Promise<string | undefined>,
): Promise<ResourcePolicyRegion> {
  const limit = pLimit(POLICY_READ_CONCURRENCY);
  const result: ResourcePolicyRegion = { region, resources: [], unreadable: [] };
  const outcomes = listed.map((resource) =>
    limit(async (): Promise<Readable | Unreadable> => {
      const { arn, name } = resource;
      try {
        return { arn, name, policy: resourcePolicy(await read(resource)) };
      } catch (error) {
        if (!isAccessDenied(error)) throw error;
        return { arn, name, reason: `${action} was refused (${awsErrorCode(error)})` };
      }
    }),
  );
  // In list order, whichever read finished first.
  for (const outcome of await Promise.all(outcomes)) {
    if ('reason' in outcome) result.unreadable.push(outcome);
    else result.resources.push(outcome);
  }
  return result;
}

/** The error code a service answers with when the resource simply has no policy. */
export async function noPolicyOn<T>(code: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (awsErrorCode(error) === code) return undefined;
    throw error;
  }
}
