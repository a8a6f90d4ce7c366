// The allow list of read operations, apart from the clients that enforce it so that `iamspect
// permissions` can print it without loading the AWS SDK. It is derived from the sections' own
// reads (SECTIONS, src/sections/index.ts), plus the few reads a run makes outside any section.
import { SECTIONS } from '../sections/index.js';
import type { ServicePrefix } from './clients.js';

export type { ServicePrefix } from './clients.js';

/** An IAM action of a service iamspect has a client for, `service:Operation`, as `iamspect permissions` prints it. */
export type ReadAction = `${ServicePrefix}:${string}`;

/**
 * The reads whose IAM action is not `<client's prefix>:<API operation>`: S3 authorizes ListBuckets
 * as s3:ListAllMyBuckets, and the bucket's and the account's GetPublicAccessBlock (S3 and S3
 * Control) as two differently named s3 actions. Sections declare the IAM action, which is what a
 * policy must grant; the guard allows the client's operation it stands for.
 */
const OPERATION_OF_ACTION: Readonly<Record<string, readonly [ServicePrefix, string]>> = {
  's3:ListAllMyBuckets': ['s3', 'ListBuckets'],
  's3:GetBucketPublicAccessBlock': ['s3', 'GetPublicAccessBlock'],
  's3:GetAccountPublicAccessBlock': ['s3control', 'GetPublicAccessBlock'],
};

/** The client and API operation a read action is sent as. */
function operationOf(action: string): readonly [ServicePrefix, string] {
  const renamed = OPERATION_OF_ACTION[action];
  if (renamed) return renamed;
  const [service, operation] = action.split(':') as [ServicePrefix, string];
  return [service, operation];
}

/** The IAM action of `operation` sent by the client of `service`: what an AccessDenied names. */
export function actionOf(service: ServicePrefix, operation: string): string {
  const renamed = Object.entries(OPERATION_OF_ACTION).find(
    ([, [client, name]]) => client === service && name === operation,
  );
  return renamed ? renamed[0] : `${service}:${operation}`;
}

/**
 * Reads that belong to no section: who the caller is and the account's alias, and with --org the
 * member accounts. (sts:GetCallerIdentity needs no permission, but it is listed like any other call
 * so the guard and the policy stay the same list.)
 */
export const RUN_READS = [
  'sts:GetCallerIdentity',
  'iam:ListAccountAliases',
  'organizations:ListAccounts',
] as const satisfies readonly ReadAction[];

/**
 * Every operation the collectors may call, keyed by IAM action prefix. Reads only: Get*, List*,
 * Describe*, and GenerateCredentialReport, which asks IAM to build the credential report and
 * changes no identity, policy or credential.
 */
const ALL_READS: readonly ReadAction[] = [
  ...SECTIONS.flatMap((definition) => definition.reads),
  ...RUN_READS,
];

export const READ_ONLY_OPERATIONS: Readonly<Record<ServicePrefix, readonly string[]>> = (() => {
  const operations: Partial<Record<ServicePrefix, string[]>> = {};
  // Sections may share a read (billing and log alarms both send DescribeAlarms): each is listed once.
  for (const action of new Set(ALL_READS)) {
    const [service, operation] = operationOf(action);
    (operations[service] ??= []).push(operation);
  }
  return operations as Record<ServicePrefix, string[]>;
})();

/** `iam:GetAccountSummary`, ... sorted: the IAM actions of READ_ONLY_OPERATIONS. */
export function allowedActions(): string[] {
  return [...new Set<string>(ALL_READS)].sort();
}
