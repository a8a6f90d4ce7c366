// Turning an AWS error into a section's status. Services spell "access denied" differently (IAM
// and STS Query: `AccessDenied`; JSON services: `AccessDeniedException`; EC2: `UnauthorizedOperation`),
// and SDK v3 puts the wire code in `Code` for modelled Query errors but only in `name` for JSON
// ones, so both are read.
import type { SectionError, SectionStatus } from '../snapshot/schema.js';
import { failedAction } from './clients.js';

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
