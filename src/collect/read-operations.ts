// The allow list of read operations, apart from the clients that enforce it so that `iamspect
// permissions` can print it without loading the AWS SDK. It is derived from the sections' own
// reads (SECTIONS, src/sections/index.ts), plus the few reads a run makes outside any section.
import { SECTIONS } from '../sections/index.js';
import type { ServicePrefix } from './clients.js';

export type { ServicePrefix } from './clients.js';

/** An IAM action of a service iamspect has a client for, `service:Operation`, as `iamspect permissions` prints it. */
export type ReadAction = `${ServicePrefix}:${string}`;

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
export const READ_ONLY_OPERATIONS: Readonly<Record<ServicePrefix, readonly string[]>> = (() => {
  const operations: Partial<Record<ServicePrefix, string[]>> = {};
  // Sections may share a read (billing and log alarms both send DescribeAlarms): each is listed once.
  for (const action of new Set([...SECTIONS.flatMap((definition) => definition.reads), ...RUN_READS])) {
    const [service, operation] = action.split(':') as [ServicePrefix, string];
    (operations[service] ??= []).push(operation);
  }
  return operations as Record<ServicePrefix, string[]>;
})();

/** `iam:GetAccountSummary`, ... sorted: the actions of READ_ONLY_OPERATIONS. */
export function allowedActions(): string[] {
  return Object.entries(READ_ONLY_OPERATIONS)
    .flatMap(([service, operations]) => operations.map((operation) => `${service}:${operation}`))
    .sort();
}
