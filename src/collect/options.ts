// Options of a live collection, and the values of the command-line flags that set them (shared by
// `audit` and `collect`; commands/collection-flags.ts declares the flags). Flags are validated
// here, before any AWS call, with errors that name the flag.
import type { RetryStrategyV2 } from '@smithy/types';
import { InputError } from '../errors.js';
import type { SectionName } from '../snapshot/schema.js';

export interface CollectOptions {
  /** Shared config/credentials profile (default: AWS_PROFILE, else `default`). */
  profile?: string;
  /** Region for API calls (default: AWS_REGION or the profile's region; see FALLBACK_REGION). */
  region?: string;
  /** Assume this role (with the default chain's credentials) and collect as it. */
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
  /** Attempts per AWS call, first try included (throttling and transient errors are retried). */
  maxAttempts?: number;
  /** How long to wait for IAM to generate the credential report. */
  credentialReportTimeoutMs?: number;
  /** Sections collected at once. */
  concurrency?: number;
  /** Only these sections (what the selected rules need: selection.ts); undefined collects every one. */
  sections?: readonly SectionName[];
  /** --regions: the regional sections scan only these enabled regions; undefined scans every one. */
  regions?: readonly string[];
  /** Waits between credential-report polls (tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
  /** Clock in epoch milliseconds: collectedAt and the credential-report deadline (tests pin it). */
  now?: () => number;
  /** Builds the retry strategy used instead of the SDK's adaptive one (tests: millisecond backoff). */
  retryStrategy?: (maxAttempts: number) => RetryStrategyV2;
}

export const COLLECT_DEFAULTS = {
  maxAttempts: 8,
  credentialReportTimeoutMs: 120_000,
  concurrency: 4,
  roleSessionName: 'iamspect',
} as const;

/** The flags as commander hands them over (numbers still strings when given on the command line). */
export interface LiveFlags {
  profile?: string;
  region?: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
  maxAttempts?: string | number;
  credentialReportTimeout?: string | number;
  /** --regions a,b: comma-separated. */
  regions?: string;
  quiet?: boolean;
  /** --org (see org-options.ts): --external-id then applies to the member accounts' roles too. */
  org?: boolean;
}

function wholeNumber(
  flag: string,
  value: string | number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < min || number > max) {
    throw new InputError(`${flag}: expected a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

const ROLE_ARN = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
// STS limits: RoleSessionName [\w+=,.@-]{2,64}; ExternalId [\w+=,.@:/-]{2,1224}.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

function regionName(flag: string, name: string): string {
  if (!REGION.test(name)) {
    throw new InputError(
      `${flag}: "${name}" is not a region name`,
      'Use a name such as eu-west-1, us-gov-west-1 or cn-north-1.',
    );
  }
  return name;
}

/** --regions a,b: checked for form here; whether the account has them enabled, once it is known. */
function regionList(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InputError('--regions: expected at least one region name');
  return [...new Set(names.map((name) => regionName('--regions', name)))];
}

/** Validated CollectOptions from the flags. Throws InputError naming the bad flag. */
export function liveOptionsFrom(flags: LiveFlags): CollectOptions {
  if (flags.region !== undefined) regionName('--region', flags.region);
  const regions = regionList(flags.regions);
  if (flags.roleArn !== undefined && !ROLE_ARN.test(flags.roleArn)) {
    throw new InputError(
      `--role-arn: "${flags.roleArn}" is not an IAM role ARN`,
      'Expected arn:<partition>:iam::<12-digit account>:role/<name>, e.g. arn:aws:iam::123456789012:role/SecurityAudit.',
    );
  }
  if (flags.externalId !== undefined && flags.roleArn === undefined && !flags.org) {
    throw new InputError(
      '--external-id: only meaningful with --role-arn or --org',
      'Add --role-arn <arn> of the role that requires it (or --org, for the roles of the member accounts).',
    );
  }
  if (flags.externalId !== undefined && !EXTERNAL_ID.test(flags.externalId)) {
    throw new InputError('--external-id: must be 2 to 1224 characters of letters, digits and +=,.@:/-');
  }
  if (flags.roleSessionName !== undefined && !SESSION_NAME.test(flags.roleSessionName)) {
    throw new InputError(
      `--role-session-name: "${flags.roleSessionName}" must be 2 to 64 characters of letters, digits and +=,.@_-`,
    );
  }
  const timeoutSeconds = wholeNumber('--credential-report-timeout', flags.credentialReportTimeout, 1, 3600);
  return {
    profile: flags.profile,
    region: flags.region,
    roleArn: flags.roleArn,
    externalId: flags.externalId,
    roleSessionName: flags.roleSessionName,
    maxAttempts: wholeNumber('--max-attempts', flags.maxAttempts, 1, 50),
    credentialReportTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    ...(regions ? { regions } : {}),
  };
}
