// What a fake AWS service is: how requests reach it (the SigV4 signing name), the protocol it
// speaks, the wire codes it uses for the errors the fault injector produces, and one handler per
// operation. Adding a service family for a later collector is adding one of these.
import type { FakeAccount } from './model.js';
import type { Protocol } from './protocols.js';
import { FakeAwsError } from './protocols.js';

/** Temporary credentials handed out by sts:AssumeRole: whose they are and in which account. */
export interface FakeSession {
  arn: string;
  account: FakeAccount;
}

export interface FakeRequestContext {
  /** The account the caller is in: the fake's own, or the one a session's role belongs to. */
  account: FakeAccount;
  /** The access key id the request was signed with (from the Authorization header). */
  accessKeyId: string;
  /** By access key id. */
  sessions: Map<string, FakeSession>;
  /** The region the request was signed for: the one a regional client was built for. */
  region: string;
  /** The Host the request was sent to: where URLs the fake hands out (SQS queue URLs) must point. */
  host: string;
  /** Any account the fake models: its own and its organization's members. */
  findAccount(accountId: string): FakeAccount | undefined;
}

export type OperationHandler = (input: Record<string, unknown>, context: FakeRequestContext) => unknown;

export interface ErrorShape {
  code: string;
  status: number;
}

export interface FakeService {
  /** Service name in the SigV4 credential scope: `Credential=AKID/20240101/eu-west-1/iam/aws4_request`. */
  signingName: string;
  /** IAM action prefix; request counts and faults are keyed `<actionPrefix>:<Operation>`. */
  actionPrefix: string;
  protocol: Protocol;
  /** How this service says "access denied" and "slow down" (they differ between services). */
  errors: { accessDenied: ErrorShape; throttling: ErrorShape; serverError: ErrorShape };
  operations: Record<string, OperationHandler>;
}

/** The caller as AWS names it in AccessDenied messages. */
export function callerArn(context: FakeRequestContext): string {
  return context.sessions.get(context.accessKeyId)?.arn ?? context.account.callerArn;
}

export function accessDeniedError(
  service: FakeService,
  action: string,
  context: FakeRequestContext,
): FakeAwsError {
  const { code, status } = service.errors.accessDenied;
  return new FakeAwsError(
    code,
    `User: ${callerArn(context)} is not authorized to perform: ${action} on resource: *`,
    status,
  );
}

/** Marker-based pagination shared by IAM's List* operations and GetAccountAuthorizationDetails. */
export function paginate<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  defaultMaxItems: number,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = input.MaxItems === undefined ? defaultMaxItems : Number(input.MaxItems);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new FakeAwsError(
      'ValidationError',
      `MaxItems must be between 1 and 1000, got ${String(input.MaxItems)}`,
    );
  }
  const start = input.Marker === undefined ? 0 : decodeMarker(String(input.Marker));
  const end = start + maxItems;
  const page = items.slice(start, end);
  // Opaque base64 like IAM's, so `+`, `/` and `=` reach the SDK's form encoder.
  return end < items.length
    ? { page, IsTruncated: true, Marker: encodeMarker(end) }
    : { page, IsTruncated: false };
}

/**
 * NextToken pagination (Organizations, Account, Access Analyzer, CloudWatch): `pageSize` items from
 * the offset the token carries; `next` is absent on the last page.
 */
export function tokenPage<T>(
  items: readonly T[],
  token: unknown,
  pageSize: number,
): { page: T[]; next?: string } {
  const start = token === undefined ? 0 : decodeMarker(String(token));
  const end = start + pageSize;
  return end < items.length
    ? { page: items.slice(start, end), next: encodeMarker(end) }
    : { page: items.slice(start, end) };
}

function encodeMarker(offset: number): string {
  return Buffer.from(`fake/marker+offset=${offset}`).toString('base64');
}

function decodeMarker(marker: string): number {
  const match = /^fake\/marker\+offset=(\d+)$/.exec(Buffer.from(marker, 'base64').toString());
  if (!match) throw new FakeAwsError('InvalidInput', `Invalid Marker: ${marker}`);
  return Number(match[1]);
}
