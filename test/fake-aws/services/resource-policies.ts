// The services whose resources carry resource policies, per region: SNS (AWS Query), SQS (awsJson
// 1.0, as SDK v3 speaks it since late 2023), KMS, Secrets Manager and ECR (awsJson 1.1) and Lambda
// (restJson1). Each lists its resources a few per page and answers one policy read per resource,
// refusing it for a resource marked policyDenied, and saying "no policy" the service's own way.
import type { FakePolicyResource, FakePolicyService } from '../model.js';
import { FakeAwsError, XmlMap } from '../protocols.js';
import type { ErrorShape, FakeRequestContext, FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';
import { regionalServices } from './regional.js';
import { listSubscriptionsByTopic } from './sns.js';

/** Small pages unless the model says otherwise, so a handful of resources exercise pagination. */
const DEFAULT_PAGE_SIZE = 2;

function resourcesOf(service: FakePolicyService, context: FakeRequestContext): FakePolicyResource[] {
  return regionalServices(context).policyResources?.[service] ?? [];
}

/** One list page's size: what the real service sends (`servicePage`), capped by the model's setting. */
function pageSize(context: FakeRequestContext, servicePage: number): number {
  const cap = regionalServices(context).policyListPageSize ?? DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(servicePage, cap));
}

/** The page a caller asked for (`asked`, from its input), else the service's default, at most its maximum. */
function askedPage(asked: unknown, defaultSize: number, maxSize: number): number {
  return Math.min(asked === undefined ? defaultSize : Number(asked), maxSize);
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the caller's account and region. */
function arnIn(context: FakeRequestContext, service: string, resource: string): string {
  return `arn:${context.account.partition}:${service}:${context.region}:${context.account.id}:${resource}`;
}

function errors(accessDenied: ErrorShape, throttling: ErrorShape, serverError: ErrorShape) {
  return { accessDenied, throttling, serverError };
}

/** The named resource's policy text (undefined: none), after the service's own checks. */
function policyOf(
  self: () => FakeService,
  service: FakePolicyService,
  operation: string,
  name: unknown,
  context: FakeRequestContext,
  notFound: () => FakeAwsError,
): string | undefined {
  const resource = resourcesOf(service, context).find((candidate) => candidate.name === String(name));
  if (!resource) throw notFound();
  if (resource.policyDenied) throw accessDeniedError(self(), `${service}:${operation}`, context);
  return resource.policy === null ? undefined : JSON.stringify(resource.policy);
}

/** The last part of an ARN or URL: a topic's or queue's name. */
const lastPart = (text: unknown) => String(text).split(/[:/]/).pop()!;

export const snsService: FakeService = {
  signingName: 'sns',
  actionPrefix: 'sns',
  protocol: { kind: 'query', xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' },
  errors: errors(
    { code: 'AuthorizationError', status: 403 },
    { code: 'Throttling', status: 400 },
    { code: 'InternalError', status: 500 },
  ),
  operations: {
    ListTopics: (input, context) => {
      const { page, next } = tokenPage(
        resourcesOf('sns', context),
        input.NextToken,
        // ListTopics has no page-size parameter: SNS sends up to 100 topics a page.
        pageSize(context, 100),
      );
      return { Topics: page.map(({ name }) => ({ TopicArn: arnIn(context, 'sns', name) })), NextToken: next };
    },
    GetTopicAttributes: (input, context) => {
      const policy = policyOf(
        () => snsService,
        'sns',
        'GetTopicAttributes',
        lastPart(input.TopicArn),
        context,
        () => new FakeAwsError('NotFound', 'Topic does not exist', 404),
      );
      return {
        Attributes: new XmlMap({ TopicArn: String(input.TopicArn), ...(policy ? { Policy: policy } : {}) }),
      };
    },
    ListSubscriptionsByTopic: (input, context) => listSubscriptionsByTopic(snsService, input, context),
  },
};

export const sqsService: FakeService = {
  signingName: 'sqs',
  actionPrefix: 'sqs',
  protocol: { kind: 'awsJson1_0', targetPrefix: 'AmazonSQS' },
  errors: errors(
    { code: 'AccessDenied', status: 403 },
    { code: 'RequestThrottled', status: 400 },
    { code: 'InternalError', status: 500 },
  ),
  operations: {
    // Queue URLs point at the fake itself, as an emulator's do: the SDK sends a queue's requests to
    // the host of its URL (useQueueUrlAsEndpoint).
    ListQueues: (input, context) => {
      const queues = resourcesOf('sqs', context);
      // Without MaxResults SQS answers one page and no token, however many queues there are.
      const size =
        input.MaxResults === undefined
          ? queues.length
          : pageSize(context, askedPage(input.MaxResults, 1000, 1000));
      const { page, next } = tokenPage(queues, input.NextToken, Math.max(size, 1));
      return {
        QueueUrls: page.map(({ name }) => `http://${context.host}/${context.account.id}/${name}`),
        NextToken: input.MaxResults === undefined ? undefined : next,
      };
    },
    GetQueueAttributes: (input, context) => {
      const policy = policyOf(
        () => sqsService,
        'sqs',
        'GetQueueAttributes',
        lastPart(input.QueueUrl),
        context,
        () => new FakeAwsError('QueueDoesNotExist', 'The specified queue does not exist.'),
      );
      return { Attributes: policy ? { Policy: policy } : {} };
    },
  },
};

export const kmsService: FakeService = {
  signingName: 'kms',
  actionPrefix: 'kms',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'TrentService' },
  errors: errors(
    { code: 'AccessDeniedException', status: 400 },
    { code: 'ThrottlingException', status: 400 },
    { code: 'KMSInternalException', status: 500 },
  ),
  operations: {
    ListKeys: (input, context) => {
      const { page, next } = tokenPage(
        resourcesOf('kms', context),
        input.Marker,
        pageSize(context, askedPage(input.Limit, 100, 1000)),
      );
      return {
        Keys: page.map(({ name }) => ({ KeyId: name, KeyArn: arnIn(context, 'kms', `key/${name}`) })),
        Truncated: next !== undefined,
        NextMarker: next,
      };
    },
    GetKeyPolicy: (input, context) => {
      if (input.PolicyName !== undefined && input.PolicyName !== 'default') {
        throw new FakeAwsError('NotFoundException', `No such policy: ${String(input.PolicyName)}`);
      }
      const policy = policyOf(
        () => kmsService,
        'kms',
        'GetKeyPolicy',
        input.KeyId,
        context,
        () => new FakeAwsError('NotFoundException', `Key '${String(input.KeyId)}' does not exist`),
      );
      return { Policy: policy, PolicyName: 'default' };
    },
  },
};

export const lambdaService: FakeService = {
  signingName: 'lambda',
  actionPrefix: 'lambda',
  protocol: {
    kind: 'restJson1',
    routes: {
      ListFunctions: { method: 'GET', path: '/2015-03-31/functions' },
      GetPolicy: { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/policy' },
    },
  },
  errors: errors(
    { code: 'AccessDeniedException', status: 403 },
    { code: 'TooManyRequestsException', status: 429 },
    { code: 'ServiceException', status: 500 },
  ),
  operations: {
    ListFunctions: (input, context) => {
      const { page, next } = tokenPage(
        resourcesOf('lambda', context),
        input.Marker,
        // Lambda sends at most 50 functions a page, whatever MaxItems asks.
        pageSize(context, askedPage(input.MaxItems, 50, 50)),
      );
      return {
        Functions: page.map(({ name }) => ({
          FunctionName: name,
          FunctionArn: arnIn(context, 'lambda', `function:${name}`),
        })),
        NextMarker: next,
      };
    },
    GetPolicy: (input, context) => {
      const notFound = () =>
        new FakeAwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
      const policy = policyOf(
        () => lambdaService,
        'lambda',
        'GetPolicy',
        input.FunctionName,
        context,
        notFound,
      );
      if (policy === undefined) throw notFound();
      return { Policy: policy, RevisionId: 'rev-1' };
    },
  },
};

export const secretsManagerService: FakeService = {
  signingName: 'secretsmanager',
  actionPrefix: 'secretsmanager',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'secretsmanager' },
  errors: errors(
    { code: 'AccessDeniedException', status: 400 },
    { code: 'ThrottlingException', status: 400 },
    { code: 'InternalServiceError', status: 500 },
  ),
  operations: {
    ListSecrets: (input, context) => {
      const { page, next } = tokenPage(
        resourcesOf('secretsmanager', context),
        input.NextToken,
        pageSize(context, askedPage(input.MaxResults, 100, 100)),
      );
      return {
        SecretList: page.map(({ name }) => ({ ARN: secretArn(context, name), Name: name })),
        NextToken: next,
      };
    },
    GetResourcePolicy: (input, context) => {
      const name = String(input.SecretId).replace(/^arn:.*:secret:(.*)-\w{6}$/, '$1');
      const policy = policyOf(
        () => secretsManagerService,
        'secretsmanager',
        'GetResourcePolicy',
        name,
        context,
        () =>
          new FakeAwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret."),
      );
      return { ARN: secretArn(context, name), Name: name, ResourcePolicy: policy };
    },
  },
};

/** Secrets Manager appends six random characters to a secret's name in its ARN. */
function secretArn(context: FakeRequestContext, name: string): string {
  return arnIn(context, 'secretsmanager', `secret:${name}-a1B2c3`);
}

export const ecrService: FakeService = {
  signingName: 'ecr',
  actionPrefix: 'ecr',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'AmazonEC2ContainerRegistry_V20150921' },
  errors: errors(
    { code: 'AccessDeniedException', status: 400 },
    { code: 'ThrottlingException', status: 400 },
    { code: 'ServerException', status: 500 },
  ),
  operations: {
    DescribeRepositories: (input, context) => {
      const { page, next } = tokenPage(
        resourcesOf('ecr', context),
        input.nextToken,
        pageSize(context, askedPage(input.maxResults, 100, 1000)),
      );
      return {
        repositories: page.map(({ name }) => ({
          repositoryName: name,
          repositoryArn: arnIn(context, 'ecr', `repository/${name}`),
          registryId: context.account.id,
        })),
        nextToken: next,
      };
    },
    GetRepositoryPolicy: (input, context) => {
      const name = String(input.repositoryName);
      const policy = policyOf(
        () => ecrService,
        'ecr',
        'GetRepositoryPolicy',
        name,
        context,
        () => new FakeAwsError('RepositoryNotFoundException', `The repository '${name}' does not exist`),
      );
      if (policy === undefined) {
        throw new FakeAwsError(
          'RepositoryPolicyNotFoundException',
          `Repository policy does not exist for '${name}'`,
        );
      }
      return { registryId: context.account.id, repositoryName: name, policyText: policy };
    },
  },
};

export const RESOURCE_POLICY_SERVICES: readonly FakeService[] = [
  snsService,
  sqsService,
  kmsService,
  lambdaService,
  secretsManagerService,
  ecrService,
];
