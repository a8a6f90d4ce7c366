// Credentials: the SDK's default provider chain (environment, shared config and credentials files,
// SSO, web identity, container and instance metadata), optionally used to assume --role-arn.
// Credentials are resolved once, up front, so "no credentials" is one clear message instead of the
// same failure in every section. The STS clients the providers build for themselves carry the
// read-only guard too, limited to the role-assumption calls they exist for.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { RunError } from '../errors.js';
import { readOnlyGuard, retryConfig } from './clients.js';

/** What credential providers may call: getting credentials, nothing else. */
const CREDENTIAL_OPERATIONS = ['AssumeRole', 'AssumeRoleWithWebIdentity'] as const;

export interface CredentialSettings {
  profile?: string;
  region: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName: string;
  maxAttempts: number;
  /** Builds each client's retry strategy (ClientSettings.retryStrategy). */
  retryStrategy?: (maxAttempts: number) => RetryStrategyV2;
}

/** Refreshed this long before they expire, so no request is signed with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One set of credentials for all clients: each SDK client memoises its provider separately, which
 * with --role-arn would mean one AssumeRole (one CloudTrail session) per client.
 */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const credentials = current && (await current.catch(() => undefined));
    const fresh =
      credentials &&
      (!credentials.expiration || credentials.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS);
    if (fresh) return credentials;
    current = provider();
    return current;
  };
}

/** What assuming a role takes, besides the credentials that assume it. */
export interface AssumeRoleSettings extends Pick<
  CredentialSettings,
  'region' | 'maxAttempts' | 'retryStrategy'
> {
  roleArn: string;
  externalId?: string;
  roleSessionName: string;
}

/**
 * Credentials of `settings.roleArn`, assumed with `master`'s. They are shared by every client and
 * assumed again shortly before they expire, so a run longer than the role's session (an
 * organization of hundreds of accounts) never signs a request with expired credentials.
 */
export function assumeRoleProvider(
  master: AwsCredentialIdentityProvider,
  settings: AssumeRoleSettings,
): AwsCredentialIdentityProvider {
  return shared(
    fromTemporaryCredentials({
      masterCredentials: master,
      params: {
        RoleArn: settings.roleArn,
        RoleSessionName: settings.roleSessionName,
        ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
      },
      clientConfig: { region: settings.region, ...retryConfig(settings) },
      clientPlugins: [readOnlyGuard('sts', CREDENTIAL_OPERATIONS)],
    }),
  );
}

export function credentialProvider(settings: CredentialSettings): AwsCredentialIdentityProvider {
  const clientPlugins = [readOnlyGuard('sts', CREDENTIAL_OPERATIONS)];
  const clientConfig = { region: settings.region, ...retryConfig(settings) };
  const chain = fromNodeProviderChain({ profile: settings.profile, clientConfig, clientPlugins });
  if (!settings.roleArn) return shared(chain);
  return assumeRoleProvider(chain, { ...settings, roleArn: settings.roleArn });
}

function noCredentialsError(cause: Error, profile: string | undefined): RunError {
  const where = profile ? `profile "${profile}" in ` : '';
  return new RunError(
    `no AWS credentials found (${cause.message}). Tried: environment variables (AWS_ACCESS_KEY_ID and ` +
      `AWS_SECRET_ACCESS_KEY), ${where}the shared config and credentials files (~/.aws/config, ` +
      '~/.aws/credentials), AWS SSO, web identity (AWS_WEB_IDENTITY_TOKEN_FILE), and container and ' +
      'instance metadata.',
    'Run `aws configure`, or `aws sso login --profile NAME` and pass --profile NAME (or set AWS_PROFILE). ' +
      '`iamspect audit --demo` needs no credentials.',
  );
}

/** Resolves the credentials once; a missing or unusable source becomes a RunError that says how to fix it. */
export async function checkCredentials(
  provider: AwsCredentialIdentityProvider,
  settings: CredentialSettings,
): Promise<void> {
  try {
    await provider();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    // The provider chain signals "nothing found here" with CredentialsProviderError.
    if (cause.name === 'CredentialsProviderError') throw noCredentialsError(cause, settings.profile);
    if (settings.roleArn) {
      throw new RunError(
        `cannot assume role ${settings.roleArn}: ${cause.message}`,
        'Check that your credentials may call sts:AssumeRole on it, that its trust policy allows them, and --external-id.',
      );
    }
    throw new RunError(
      `cannot load AWS credentials: ${cause.message}`,
      'Check your AWS profile and credential settings.',
    );
  }
}
