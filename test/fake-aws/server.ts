// A local AWS endpoint for contract tests and the benchmark: node:http on 127.0.0.1 with a random
// port. The real SDK clients reach it through AWS_ENDPOINT_URL, sign requests as usual (with
// whatever region they are configured for: the fake reads only the service name and access key id
// from the signature), and get answers computed from an in-memory account model.
//
// It counts every request per action (before any fault), and can inject AccessDenied, throttling,
// 5xx, connection resets and latency. It never implements a mutating operation: one that arrives
// anyway is counted and answered with InvalidAction, so "zero requests" really means none was sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultKind } from './faults.js';
import { FaultPlan } from './faults.js';
import type { FakeAccount } from './model.js';
import type { EncodedResponse } from './protocols.js';
import type { DecodedRequest, Protocol } from './protocols.js';
import {
  decodeJsonRequest,
  decodeQueryBody,
  decodeRestJsonRequest,
  decodeRestXmlRequest,
  encodeError,
  encodeResult,
  FakeAwsError,
} from './protocols.js';
import type { FakeRequestContext, FakeService, FakeSession } from './service.js';
import { accessDeniedError } from './service.js';
import { accessAnalyzerService } from './services/access-analyzer.js';
import { accountService } from './services/account.js';
import { cloudTrailService } from './services/cloudtrail.js';
import { cloudWatchService } from './services/cloudwatch.js';
import { configService } from './services/config.js';
import { ec2Service } from './services/ec2.js';
import { iamService } from './services/iam.js';
import { logsService } from './services/logs.js';
import { cloudFrontService } from './services/cloudfront.js';
import { organizationsService } from './services/organizations.js';
import { route53DomainsService } from './services/route53-domains.js';
import { RESOURCE_POLICY_SERVICES } from './services/resource-policies.js';
import { s3Service } from './services/s3.js';
import { ssoAdminService } from './services/sso-admin.js';
import { stsService } from './services/sts.js';

export const DEFAULT_SERVICES: readonly FakeService[] = [
  accessAnalyzerService,
  accountService,
  cloudTrailService,
  cloudFrontService,
  cloudWatchService,
  configService,
  ec2Service,
  iamService,
  logsService,
  organizationsService,
  route53DomainsService,
  s3Service,
  ssoAdminService,
  stsService,
  ...RESOURCE_POLICY_SERVICES,
];

export interface RecordedRequest {
  /** `iam:GetAccountSummary` */
  action: string;
  input: Record<string, unknown>;
  /** The region the request was signed for (from the SigV4 credential scope). */
  signingRegion: string;
  /** The account the caller is in (the fake's own, or an assumed role's). */
  accountId: string;
  /** When the request arrived (epoch milliseconds). */
  at: number;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  total(): number {
    return this.entries.length;
  }

  count(action: string): number {
    return this.entries.filter((entry) => entry.action === action).length;
  }

  /** Distinct actions seen, sorted. */
  actions(): string[] {
    return [...new Set(this.entries.map((entry) => entry.action))].sort();
  }

  inputs(action: string): Array<Record<string, unknown>> {
    return this.entries.filter((entry) => entry.action === action).map((entry) => entry.input);
  }

  /** Requests made from inside each account, by account id. */
  perAccount(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { accountId } of this.entries) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
    return counts;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

export interface FakeAws {
  /** `http://127.0.0.1:<port>`: put it in AWS_ENDPOINT_URL. */
  url: string;
  /** The live model: tests may change it between calls. */
  account: FakeAccount;
  faults: FaultPlan;
  requests: RequestLog;
  /** Added before every response (errors included). */
  latencyMs: number;
  close(): Promise<void>;
}

export interface FakeAwsOptions {
  services?: readonly FakeService[];
  latencyMs?: number;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/iam/aws4_request, ...` -> key id, region, service. */
function signature(
  request: IncomingMessage,
): { accessKeyId: string; region: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    request.headers.authorization ?? '',
  );
  return match ? { accessKeyId: match[1]!, region: match[2]!, service: match[3]! } : undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function faultError(
  service: FakeService,
  kind: Exclude<FaultKind, 'connectionReset'>,
  action: string,
  context: FakeRequestContext,
): FakeAwsError {
  switch (kind) {
    case 'accessDenied':
      return accessDeniedError(service, action, context);
    case 'throttling':
      return new FakeAwsError(
        service.errors.throttling.code,
        'Rate exceeded',
        service.errors.throttling.status,
      );
    case 'serverError':
      return new FakeAwsError(
        service.errors.serverError.code,
        'We encountered an internal error. Please try again.',
        service.errors.serverError.status,
      );
    default:
      return new FakeAwsError(kind.code, kind.message, kind.status);
  }
}

function unknownOperation(service: FakeService, operation: string): FakeAwsError {
  return service.protocol.kind === 'query' ||
    service.protocol.kind === 'ec2Query' ||
    service.protocol.kind === 'restXml'
    ? new FakeAwsError('InvalidAction', `Could not find operation ${operation}`)
    : new FakeAwsError('UnknownOperationException', `Unknown operation ${operation}`);
}

function decodeRequest(protocol: Protocol, request: IncomingMessage, body: string): DecodedRequest {
  switch (protocol.kind) {
    case 'query':
    case 'ec2Query':
      return decodeQueryBody(body);
    case 'restJson1':
      return decodeRestJsonRequest(protocol, request.method ?? 'GET', request.url ?? '/', body);
    case 'restXml':
      return decodeRestXmlRequest(protocol, request.method ?? 'GET', request.url ?? '/', request.headers);
    default:
      return decodeJsonRequest(protocol, String(request.headers['x-amz-target'] ?? ''), body);
  }
}

/** The fake's own account and the members of its organization, by id. */
function accountFinder(fake: FakeAws): (accountId: string) => FakeAccount | undefined {
  return (accountId) =>
    accountId === fake.account.id ? fake.account : fake.account.organization?.members.get(accountId);
}

export async function startFakeAws(account: FakeAccount, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const services = new Map(
    (options.services ?? DEFAULT_SERVICES).map((service) => [service.signingName, service]),
  );
  const sessions = new Map<string, FakeSession>();
  let requestCount = 0;

  const fake: FakeAws = {
    url: '',
    account,
    faults: new FaultPlan(),
    requests: new RequestLog(),
    latencyMs: options.latencyMs ?? 0,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  async function respond(response: ServerResponse, encoded: EncodedResponse, requestId: string) {
    if (fake.latencyMs > 0) await delay(fake.latencyMs);
    response.writeHead(encoded.status, {
      'content-type': encoded.contentType,
      'x-amzn-requestid': requestId,
      ...encoded.headers,
    });
    response.end(encoded.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    const requestId = `fake-request-${++requestCount}`;
    const signed = signature(request);
    const service = signed && services.get(signed.service);
    if (!signed || !service) {
      // Counted too: "zero requests" must mean nothing arrived at all.
      fake.requests.entries.push({
        action: `unknown:${signed?.service ?? 'unsigned'}`,
        input: {},
        signingRegion: signed?.region ?? '',
        accountId: '',
        at: Date.now(),
      });
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`fake AWS: no service for signing name ${signed?.service ?? '(unsigned request)'}`);
      return;
    }
    const { operation, input } = decodeRequest(service.protocol, request, body);
    const action = `${service.actionPrefix}:${operation}`;
    const session = sessions.get(signed.accessKeyId);
    fake.requests.entries.push({
      action,
      input,
      signingRegion: signed.region,
      accountId: session?.account.id ?? fake.account.id,
      at: Date.now(),
    });
    const context: FakeRequestContext = {
      account: session?.account ?? fake.account,
      accessKeyId: signed.accessKeyId,
      sessions,
      region: signed.region,
      host: request.headers.host ?? '',
      findAccount: accountFinder(fake),
    };

    const fault = fake.faults.next(action);
    if (fault === 'connectionReset') {
      request.socket.destroy();
      return;
    }
    let encoded: EncodedResponse;
    try {
      if (fault) throw faultError(service, fault, action, context);
      const handler = service.operations[operation];
      if (!handler) throw unknownOperation(service, operation);
      encoded = encodeResult(service.protocol, operation, handler(input, context), requestId);
    } catch (error) {
      const awsError =
        error instanceof FakeAwsError
          ? error
          : new FakeAwsError(
              service.errors.serverError.code,
              `fake AWS bug: ${(error as Error).message}`,
              500,
            );
      encoded = encodeError(service.protocol, awsError, requestId);
    }
    await respond(response, encoded, requestId);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
