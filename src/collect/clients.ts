// The one place AWS clients are built, and what makes iamspect provably read-only: every client
// gets a middleware, first in its stack, that lets through only the operations in an explicit
// allow list and throws before anything is signed or sent for any other. Collectors cannot reach
// AWS except through these clients, and `iamspect permissions` prints exactly this list.
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Route53DomainsClient } from '@aws-sdk/client-route-53-domains';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type {
  AbsoluteLocation,
  AwsCredentialIdentityProvider,
  InitializeHandlerOptions,
  InitializeMiddleware,
  Pluggable,
  RetryErrorInfo,
  RetryStrategyV2,
  RetryToken,
} from '@smithy/types';
import { TOOL } from '../version.js';
import { ReadOnlyViolation, rememberFailedAction } from './failures.js';
import { actionOf, READ_ONLY_OPERATIONS } from './read-operations.js';

export { ReadOnlyViolation } from './failures.js';
export { allowedActions, READ_ONLY_OPERATIONS } from './read-operations.js';

/** One client class per IAM action prefix: the services iamspect can read (ReadAction). */
const CLIENT_CLASSES = {
  'access-analyzer': AccessAnalyzerClient,
  account: AccountClient,
  cloudtrail: CloudTrailClient,
  cloudfront: CloudFrontClient,
  cloudwatch: CloudWatchClient,
  config: ConfigServiceClient,
  ec2: EC2Client,
  ecr: ECRClient,
  iam: IAMClient,
  kms: KMSClient,
  lambda: LambdaClient,
  logs: CloudWatchLogsClient,
  organizations: OrganizationsClient,
  route53domains: Route53DomainsClient,
  s3: S3Client,
  // S3 Control's actions are s3: ones too; read-operations.ts maps its reads to this client.
  s3control: S3ControlClient,
  secretsmanager: SecretsManagerClient,
  sns: SNSClient,
  sqs: SQSClient,
  // IAM Identity Center's admin API (sso-admin); its actions are sso: ones.
  sso: SSOAdminClient,
  sts: STSClient,
};

export type ServicePrefix = keyof typeof CLIENT_CLASSES;

export type ClientFor<S extends ServicePrefix> = InstanceType<(typeof CLIENT_CLASSES)[S]>;

const GUARD_OPTIONS: InitializeHandlerOptions & AbsoluteLocation = {
  step: 'initialize',
  priority: 'high',
  name: 'iamspectReadOnlyGuard',
  // fromTemporaryCredentials re-applies its clientPlugins to the same STS client on every
  // credential refresh; replacing the guard keeps that from failing as a duplicate middleware.
  override: true,
};

/**
 * The read-only guard as a client plugin: `service` is the IAM action prefix, `operations` the
 * allowed operation names. Exported for the credential providers' own STS client (AssumeRole).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a plugin must fit every client's input/output types
export function readOnlyGuard(service: ServicePrefix, operations: readonly string[]): Pluggable<any, any> {
  const allowed = new Set(operations);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const middleware: InitializeMiddleware<any, any> = (next, context) => async (args) => {
    // Fail closed: a command we cannot name is not on the list.
    const operation = (context.commandName ?? '').replace(/Command$/, '');
    const action = actionOf(service, operation);
    if (!allowed.has(operation)) throw new ReadOnlyViolation(action);
    try {
      return await next(args);
    } catch (error) {
      rememberFailedAction(error, action);
      throw error;
    }
  };
  return { applyToStack: (stack) => stack.add(middleware, GUARD_OPTIONS) };
}

/**
 * Takes the SDK's logger middleware out of a client. It copies every output with its sensitive
 * fields masked, for a logger iamspect never gives it: for GetAccountAuthorizationDetails, a second
 * copy of a thousand users a page, built and thrown away.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as readOnlyGuard: fits every client
const WITHOUT_SDK_LOGGER: Pluggable<any, any> = {
  applyToStack: (stack) => void stack.remove('loggerMiddleware'),
};

export interface ClientSettings {
  /** undefined: the SDK resolves it (AWS_REGION, then the profile's region). */
  region?: string;
  profile?: string;
  credentials?: AwsCredentialIdentityProvider;
  /** Attempts per call, first try included. */
  maxAttempts: number;
  /**
   * Builds the retry strategy used instead of the SDK's adaptive one (tests: millisecond backoff).
   * A factory, not a strategy: a strategy holds the retry quota, and each client needs its own.
   */
  retryStrategy?: (maxAttempts: number) => RetryStrategyV2;
}

/** Generous but finite: one GetAccountAuthorizationDetails page of a large account can take ~10 s. */
const REQUEST_TIMEOUT_MS = 60_000;
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Attempts for a call that keeps failing with a server or network error. Throttling is retried up
 * to --max-attempts (IAM throttles large accounts, and waiting works), but an endpoint that answers
 * 500 to an operation it does not implement answers it every time: eight attempts with backoff
 * each cost seconds and decided nothing. Client errors (AccessDenied, validation, unknown
 * operation) are never retried, as the SDK's strategy already decides.
 */
const SERVER_ERROR_ATTEMPTS = 3;

/** Wraps a retry strategy so that non-throttling errors get at most SERVER_ERROR_ATTEMPTS attempts. */
class ServerErrorRetryCap implements RetryStrategyV2 {
  constructor(private readonly strategy: RetryStrategyV2) {}

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.strategy.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    if (errorInfo.errorType !== 'THROTTLING' && token.getRetryCount() + 1 >= SERVER_ERROR_ATTEMPTS) {
      // The SDK then throws the request's own error, with the attempts made.
      return Promise.reject(new Error('server error retries spent'));
    }
    return this.strategy.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: RetryToken): void {
    this.strategy.recordSuccess(token);
  }
}

/** Retry settings for any SDK client iamspect configures, the credential providers' included. */
export function retryConfig(settings: Pick<ClientSettings, 'maxAttempts' | 'retryStrategy'>) {
  // Adaptive mode also slows the client down after throttling, which IAM (throttled per account)
  // needs in large accounts. LimitExceeded is retried as throttling by the SDK.
  // A new strategy per call, so per client: the strategy holds the retry quota (500 tokens, 5 per
  // throttling retry, 14 per other retry), and one shared by every client lets a service failing
  // in bursts spend the retries every other service needs.
  const strategy =
    settings.retryStrategy?.(settings.maxAttempts) ?? new AdaptiveRetryStrategy(settings.maxAttempts);
  return { maxAttempts: settings.maxAttempts, retryStrategy: new ServerErrorRetryCap(strategy) };
}

function clientConfig(settings: ClientSettings) {
  return {
    region: settings.region,
    profile: settings.profile,
    credentials: settings.credentials,
    ...retryConfig(settings),
    customUserAgent: `${TOOL.name}/${TOOL.version}`,
    // Resolve each command's middleware stack once, not per request: the stack (read-only guard
    // included) is complete when the client is made and never changes after, and resolving it
    // was the largest share of the SDK's CPU per request (2,000 buckets: about 40 % of it).
    cacheMiddleware: true,
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
    // No `endpoint` on purpose: the SDK itself honours AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>
    // and a profile's endpoint_url, and an explicit endpoint here would override all of them.
  };
}

/** A guarded client for one service. */
export function createClient<S extends ServicePrefix>(service: S, settings: ClientSettings): ClientFor<S> {
  const Client = CLIENT_CLASSES[service];
  const client = new Client(clientConfig(settings));
  client.middlewareStack.use(readOnlyGuard(service, READ_ONLY_OPERATIONS[service]));
  client.middlewareStack.use(WITHOUT_SDK_LOGGER);
  return client as ClientFor<S>;
}

export type Clients = { readonly [S in ServicePrefix]: ClientFor<S> } & {
  /** A client of `service` for `region`, for the regional services (Config, Access Analyzer, CloudWatch). */
  inRegion<S extends ServicePrefix>(service: S, region: string): ClientFor<S>;
  /** Closes the connections of every client made so far. */
  destroy(): void;
};

/**
 * Guarded clients sharing settings, each made on first use: an account's collection touches a
 * dozen services and regions, and an organization run collects hundreds of accounts.
 */
export function createClients(settings: ClientSettings): Clients {
  const made = new Map<string, ClientFor<ServicePrefix>>();
  const clientFor = <S extends ServicePrefix>(service: S, region?: string): ClientFor<S> => {
    const key = `${service} ${region ?? ''}`;
    let client = made.get(key);
    if (!client) {
      client = createClient(service, region === undefined ? settings : { ...settings, region });
      made.set(key, client);
    }
    return client as ClientFor<S>;
  };
  const clients = {
    inRegion: clientFor,
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
  for (const service of Object.keys(CLIENT_CLASSES) as ServicePrefix[]) {
    Object.defineProperty(clients, service, { get: () => clientFor(service), enumerable: true });
  }
  return clients as Clients;
}
