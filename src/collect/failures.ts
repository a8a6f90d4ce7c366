// Turning an AWS error into a section's status. Services spell "access denied" differently (IAM
// and STS Query: `AccessDenied`; JSON services: `AccessDeniedException`; EC2: `UnauthorizedOperation`),
// and SDK v3 puts the wire code in `Code` for modelled Query errors but only in `name` for JSON
// ones, so both are read. This module loads no AWS SDK package: section modules use it, and they
// are loaded by offline commands too.
import type { SectionError, SectionStatus } from '../snapshot/schema.js';

/** Thrown instead of sending a request for an operation outside the allow list. */
export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(readonly action: string) {
    super(
      `iamspect is read-only: refusing to send ${action}, which is not in its allow list of read operations`,
    );
  }
}

// The action each failed request was for, so a section that fails can name the refused action
// (iam:GetAccountAuthorizationDetails) whatever shape the service's error had.
const actionOfError = new WeakMap<object, string>();

/** Records that `error` answered a request for `action` (called by the clients' read-only guard). */
export function rememberFailedAction(error: unknown, action: string): void {
  if (typeof error === 'object' && error !== null) actionOfError.set(error, action);
}

/** The API action whose request raised `error`, when it came through a guarded client. */
export function failedAction(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? actionOfError.get(error) : undefined;
}

const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);

interface AwsErrorLike {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { attempts?: number };
}

/** The service's error code: `Code` (the wire code of a Query error) or else the error's name. */
export function awsErrorCode(error: unknown): string {
  const candidate = error as AwsErrorLike;
  return candidate?.Code ?? candidate?.name ?? 'Error';
}

export function isAccessDenied(error: unknown): boolean {
  const candidate = error as AwsErrorLike;
  return ACCESS_DENIED_CODES.has(awsErrorCode(error)) || ACCESS_DENIED_CODES.has(candidate?.name ?? '');
}

export interface SectionFailure {
  status: Extract<SectionStatus, 'denied' | 'error'>;
  error: SectionError;
}

/** `denied` with the refused action for an access error; `error` (retries already spent) for anything else. */
export function sectionFailure(error: unknown): SectionFailure {
  const code = awsErrorCode(error);
  const message = (error as AwsErrorLike)?.message ?? String(error);
  const action = failedAction(error);
  if (isAccessDenied(error)) {
    return { status: 'denied', error: action ? { code, message, action } : { code, message } };
  }
  const attempts = (error as AwsErrorLike)?.$metadata?.attempts;
  const detail = attempts && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  const prefix = action ? `${action} failed: ` : '';
  return { status: 'error', error: { code, message: `${prefix}${message}${detail}` } };
}
