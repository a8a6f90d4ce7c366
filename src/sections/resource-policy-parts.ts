// What the resource-policy sections share (SNS topics, SQS queues, KMS keys, Lambda functions,
// Secrets Manager secrets, ECR repositories): per enabled region, each resource with its policy
// (null: it has none), and the resources whose policy the caller may not read, named with the
// reason, so a rule reports them "not evaluated" instead of passing them. Each service is its own
// section, so that a service the caller may not list fails only its own part of the audit.
//
// Their lists never carry the policy, so reading it is one call per resource, a few at a time per
// region. From AWS CLI outputs, each region's list is `<service>-<list command>.<region>.json` and
// each resource's answer is saved beside it as `<service>-<get command>.<region>.<name>.json` (a `/`
// in the name written `%2F`), with `2>&1` so that a refusal or "no policy" is kept as the CLI's
// error line. A resource whose answer was not saved is not evaluated, never passed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { awsErrorCode, isAccessDenied } from '../collect/failures.js';
import type { ReadAction } from '../collect/read-operations.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { InputError } from '../errors.js';
import type { CliFile, CliOutput } from '../snapshot/aws-cli-file.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { readPolicyDocument } from '../snapshot/policy-document.js';
import { policyDocumentSchema } from '../snapshot/schema-parts.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { partitionOfRegion } from './regions.js';
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

/** How a section's resources and their policies are read from saved AWS CLI outputs. */
export interface SavedPolicies<R extends ListedResource> {
  /** What one resource is called in a message: "topic". */
  kind: string;
  /** The list command (`sns list-topics`), saved per enabled region, and what its answer always holds. */
  list: { command: string; shape: CliOutput['shape']; emptyMeansNone?: boolean };
  /** The resources one region's saved list pages name, with their ARNs in `partition`. */
  listed(pages: unknown[], source: string, region: string, partition: string): R[];
  /** The command reading one resource's policy: `sns get-topic-attributes --topic-arn <value>`. */
  get: { command: string; option: string; value(resource: R): string; shown: string; extra?: string };
  /** The error code the service answers when the resource has no policy at all. */
  noPolicyCode?: string;
  /** The policy text of one saved answer (undefined: none). Throws InputError when the answer is another resource's or lacks a field. */
  policyText(output: unknown, resource: R, path: string): string | undefined;
}

export interface ResourcePolicySpec<
  N extends string,
  L extends ReadAction,
  G extends ReadAction,
  R extends ListedResource,
> {
  name: N;
  /** The operation listing the region's resources. */
  list: L;
  /** The operation reading one resource's policy. */
  get: G;
  /** Lists one region's resources and reads their policies (with readResourcePolicies). */
  collectRegion(context: CollectContext, region: string): Promise<ResourcePolicyRegion>;
  saved: SavedPolicies<R>;
}

/** A resource-policy section: its two reads, per enabled region, live or from saved AWS CLI outputs. */
export function resourcePolicySection<
  const N extends string,
  const L extends ReadAction,
  const G extends ReadAction,
  R extends ListedResource,
>(spec: ResourcePolicySpec<N, L, G, R>) {
  const listStem = fileStem(spec.saved.list.command);
  return defineSection({
    name: spec.name,
    data: resourcePoliciesData,
    reads: [spec.list, spec.get] as const,
    readWith: ['regions'],
    collect: (context) =>
      forEachEnabledRegion(context, spec.name, (region) => spec.collectRegion(context, region)),
    awsCli: {
      kind: 'per-region',
      commands: [{ name: listStem, shape: spec.saved.list.shape }],
      howToSave: howToSavePolicies(spec.saved),
      action: spec.list,
      alongside: new RegExp(`^${fileStem(spec.saved.get.command)}\\.[a-z0-9-]+\\..+\\.json$`),
      read: (region, [listFile]) => readSavedRegion(spec.saved, spec.get, region, listFile!),
    },
  });
}

/** `sns list-topics` -> `sns-list-topics`, the stem of the file its answer is saved in. */
const fileStem = (command: string) => command.replace(' ', '-');

/** A resource name as it appears in a file name: `/` (ECR namespaces, secret paths) cannot. */
const fileSafe = (name: string) => name.replaceAll('/', '%2F');

/** The saved answer about one resource. */
function policyFileName(saved: SavedPolicies<ListedResource>, region: string, name: string): string {
  return `${fileStem(saved.get.command)}.${region}.${fileSafe(name)}.json`;
}

function getCommandLine<R extends ListedResource>(saved: SavedPolicies<R>, region: string, value: string) {
  const extra = saved.get.extra === undefined ? '' : ` ${saved.get.extra}`;
  return `aws ${saved.get.command} --region ${region} ${saved.get.option} ${value}${extra}`;
}

function howToSavePolicies<R extends ListedResource>(saved: SavedPolicies<R>): string {
  const listStem = fileStem(saved.list.command);
  return (
    `in each enabled region R: aws ${saved.list.command} --region R > ${listStem}.R.json, then for each ` +
    `${saved.kind} N listed (a / in N written %2F): ${getCommandLine(saved, 'R', saved.get.shown)} ` +
    `> ${fileStem(saved.get.command)}.R.N.json 2>&1`
  );
}

/** The line the AWS CLI writes for a refused or failed call: `An error occurred (Code) when calling the Op operation: ...`. */
const CLI_ERROR = /^\s*An error occurred \(([\w.]+)\) when calling the \w+ operation/;

/** One region from its saved list and the policy answers saved beside it. */
function readSavedRegion<R extends ListedResource>(
  saved: SavedPolicies<R>,
  action: string,
  region: string,
  listFile: CliFile,
): ResourcePolicyRegion {
  const none = saved.list.emptyMeansNone === true && listFile.text.trim() === '';
  const listed = none
    ? []
    : saved.listed(pagesOf(parseCliJson(listFile)), listFile.path, region, partitionOfRegion(region));
  const dir = dirname(listFile.path);
  return regionOf(
    region,
    listed.map((resource) => savedPolicy(saved, action, region, resource, dir)),
  );
}

/** One resource's saved answer: its policy, or why it cannot be judged. */
function savedPolicy<R extends ListedResource>(
  saved: SavedPolicies<R>,
  action: string,
  region: string,
  resource: R,
  dir: string,
): Readable | Unreadable {
  const { arn, name } = resource;
  const fileName = policyFileName(saved, region, name);
  const saveIt = `${getCommandLine(saved, region, saved.get.value(resource))} > ${fileName} 2>&1`;
  const path = join(dir, fileName);
  if (!existsSync(path)) return { arn, name, reason: `${fileName} was not saved (save it with: ${saveIt})` };
  const text = readInputFile(path, 'AWS CLI output');
  const code = CLI_ERROR.exec(text)?.[1];
  if (code === undefined) {
    const output = parseJsonText(text, path, 'AWS CLI output');
    return { arn, name, policy: resourcePolicy(saved.policyText(output, resource, path)) };
  }
  if (code === saved.noPolicyCode) return { arn, name, policy: null };
  if (isAccessDenied({ name: code })) return { arn, name, reason: `${action} was refused (${code})` };
  throw new InputError(
    `${path}: the AWS CLI answered ${code}, which says nothing about the ${saved.kind}'s policy`,
    `Save it again: ${saveIt}`,
  );
}

/** Fails reading `path` when its `field` names another resource than `expected`. */
export function sameResource(path: string, field: string, actual: string, expected: string): void {
  if (actual !== expected) {
    throw new InputError(
      `${path}: ${field} is ${actual}, not ${expected}: this is another resource's answer`,
      'Save it again, into the file named after the resource it is about.',
    );
  }
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
  return regionOf(region, await Promise.all(outcomes));
}

/** A region from its resources' outcomes, in list order. */
function regionOf(region: string, outcomes: ReadonlyArray<Readable | Unreadable>): ResourcePolicyRegion {
  const result: ResourcePolicyRegion = { region, resources: [], unreadable: [] };
  for (const outcome of outcomes) {
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
