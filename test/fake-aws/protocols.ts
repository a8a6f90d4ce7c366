// Wire protocols the fake speaks. Each service declares one; the server decodes the request into
// (operation, input), runs the handler, and encodes its result or error the way that protocol does.
// - AWS Query (IAM, STS): form-encoded body with Action=...; XML answer whose `<{Op}Result>` element
//   must be named exactly so (the SDK silently returns an empty output otherwise); lists as
//   `<member>`, maps as `<entry><key/><value/></entry>`; errors as `<ErrorResponse><Error>`.
// - EC2 Query (EC2): the same form body; XML answer with no Result wrapper, lowerCamel element
//   names, lists as `<item>`; errors as `<Response><Errors><Error>`.
// - awsJson 1.0 / 1.1 (Organizations, Config, CloudWatch): X-Amz-Target `Prefix.Operation`, JSON
//   body, timestamps as epoch seconds, errors as `{"__type": ..., "message": ...}`.
// - restJson1 (Account, Access Analyzer): the operation is the HTTP method and path, input in the
//   JSON body and the query string; errors name their code in the `x-amzn-errortype` header.
// - restXml (CloudFront, S3, S3 Control): the operation is the HTTP method, a path pattern whose
//   named groups are input, and for S3's sub-resources a query-string key (`?acl`); the answer is
//   one XML element named by the handler (or a raw body: GetBucketPolicy's policy text), lists
//   wrapped in the member name each shape uses (XmlList); errors as AWS Query's `<ErrorResponse>`.

export interface QueryProtocol {
  kind: 'query';
  /** The namespace IAM and STS put on their response root (the SDK does not check it). */
  xmlns: string;
}

export interface JsonProtocol {
  kind: 'awsJson1_0' | 'awsJson1_1';
  /** X-Amz-Target is `<targetPrefix>.<Operation>`, e.g. `AWSOrganizationsV20161128`. */
  targetPrefix: string;
}

export interface Ec2QueryProtocol {
  kind: 'ec2Query';
  xmlns: string;
}

export interface RestJsonProtocol {
  kind: 'restJson1';
  /** Operation -> its HTTP binding, e.g. ListAnalyzers -> GET /analyzer. */
  routes: Record<string, { method: string; path: string }>;
}

export interface RestXmlProtocol {
  kind: 'restXml';
  xmlns: string;
  /** Operation -> its HTTP binding; the path's named groups become input members. */
  routes: Record<string, RestXmlRoute>;
}

export interface RestXmlRoute {
  method: string;
  path: RegExp;
  /** A query-string key the request carries (S3 names a bucket's sub-resource so: `?acl`). */
  query?: string;
  /** Input member -> the request header carrying it (S3 Control's `x-amz-account-id`). */
  headers?: Record<string, string>;
}

export type Protocol = QueryProtocol | Ec2QueryProtocol | JsonProtocol | RestJsonProtocol | RestXmlProtocol;

/** An error the service answers with. `code` is the wire code (`AccessDenied`, `NoSuchEntity`...). */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

/** A string-to-value map, which AWS Query encodes as `<entry>` elements (GetAccountSummary's SummaryMap). */
export class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

/** A REST-XML list: each item in an element named `tag` (`<Items><Origin>...</Origin></Items>`). */
export class XmlList {
  constructor(
    readonly tag: string,
    readonly items: readonly unknown[],
  ) {}
}

/** An element with attributes (an S3 ACL's `<Grantee xsi:type="Group">`). */
export class XmlElement {
  constructor(
    readonly attributes: Record<string, string>,
    readonly content: unknown,
  ) {}
}

/** A REST-XML answer: its root element's name and content (a bare value for GetBucketLocation). */
export interface XmlDocument {
  root: string;
  content: unknown;
}

/** A REST answer that is not XML: S3's GetBucketPolicy sends the policy text as the whole body. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType = 'application/json',
  ) {}
}

export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface EncodedResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

// ---------- decoding ----------

/**
 * Form body to a nested object: `Filter.member.1=User&Filter.member.2=Role` -> `{Filter: ['User','Role']}`.
 * Values stay strings; handlers convert what they need. (URLSearchParams is right here: this IS a form.)
 */
export function decodeQueryBody(body: string): DecodedRequest {
  const params = new URLSearchParams(body);
  const input: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    setPath(input, key.split('.'), value);
  }
  return {
    operation: params.get('Action') ?? '',
    input: collapseMemberLists(input) as Record<string, unknown>,
  };
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function collapseMemberLists(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.member && typeof record.member === 'object' && Object.keys(record).length === 1) {
    const members = record.member as Record<string, unknown>;
    return Object.keys(members)
      .sort((a, b) => Number(a) - Number(b))
      .map((index) => collapseMemberLists(members[index]));
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, collapseMemberLists(v)]));
}

export function decodeJsonRequest(protocol: JsonProtocol, target: string, body: string): DecodedRequest {
  const prefix = `${protocol.targetPrefix}.`;
  const operation = target.startsWith(prefix) ? target.slice(prefix.length) : '';
  const input = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  return { operation, input };
}

/** restJson1: the route matching the method and path; input from the query string and the JSON body. */
export function decodeRestJsonRequest(
  protocol: RestJsonProtocol,
  method: string,
  url: string,
  body: string,
): DecodedRequest {
  const { pathname, searchParams } = new URL(url, 'http://fake');
  let operation = '';
  let labels: Record<string, string> = {};
  for (const [name, route] of Object.entries(protocol.routes)) {
    const matched = route.method === method ? matchRoute(route.path, pathname) : null;
    if (matched) [operation, labels] = [name, matched];
  }
  const input: Record<string, unknown> =
    body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  for (const [key, value] of searchParams) input[key] = value;
  return { operation, input: { ...input, ...labels } };
}

/**
 * A route path with `{Label}` segments (Lambda's `/2015-03-31/functions/{FunctionName}/policy`)
 * against a request path: the labels' values, or null when it does not match.
 */
function matchRoute(route: string, pathname: string): Record<string, string> | null {
  const routeParts = route.split('/');
  const parts = pathname.split('/');
  if (routeParts.length !== parts.length) return null;
  const labels: Record<string, string> = {};
  for (const [index, part] of routeParts.entries()) {
    const label = /^\{(\w+)\}$/.exec(part)?.[1];
    if (label) labels[label] = decodeURIComponent(parts[index]!);
    else if (part !== parts[index]) return null;
  }
  return labels;
}

/**
 * restXml: the route matching the method, path pattern and sub-resource key; input from the
 * path's groups, the query string and the route's headers.
 */
export function decodeRestXmlRequest(
  protocol: RestXmlProtocol,
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
): DecodedRequest {
  const { pathname, searchParams } = new URL(url, 'http://fake');
  for (const [operation, route] of Object.entries(protocol.routes)) {
    const match = route.method === method ? route.path.exec(pathname) : null;
    if (!match || (route.query !== undefined && !searchParams.has(route.query))) continue;
    const input: Record<string, unknown> = { ...match.groups };
    for (const [member, header] of Object.entries(route.headers ?? {})) input[member] = headers[header];
    for (const [key, value] of searchParams) input[key] = value;
    return { operation, input };
  }
  return { operation: '', input: {} };
}

// ---------- encoding ----------

function escapeXml(text: string): string {
  if (!/[&<>"']/.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** AWS Query timestamps: ISO 8601 in UTC without milliseconds. */
function xmlTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xmlAttributes(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

/** Query XML; `listTag` is what wraps list items (`member` for AWS Query, `item` for EC2). */
export function toXml(value: unknown, listTag = 'member'): string {
  if (value instanceof Date) return xmlTimestamp(value);
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(
        ([key, entry]) =>
          `<entry><key>${escapeXml(key)}</key><value>${escapeXml(String(entry))}</value></entry>`,
      )
      .join('');
  }
  if (value instanceof XmlList) {
    return value.items.map((item) => `<${value.tag}>${toXml(item, listTag)}</${value.tag}>`).join('');
  }
  if (Array.isArray(value)) {
    return value.map((item) => `<${listTag}>${toXml(item, listTag)}</${listTag}>`).join('');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined && child !== null)
      .map(([key, child]) =>
        child instanceof XmlElement
          ? `<${key}${xmlAttributes(child.attributes)}>${toXml(child.content, listTag)}</${key}>`
          : `<${key}>${toXml(child, listTag)}</${key}>`,
      )
      .join('');
  }
  return escapeXml(String(value));
}

export function encodeQueryResult(
  protocol: QueryProtocol,
  operation: string,
  result: unknown,
  requestId: string,
): EncodedResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${operation}Response xmlns="${protocol.xmlns}">` +
    `<${operation}Result>${toXml(result ?? {})}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

export function encodeQueryError(
  protocol: QueryProtocol | RestXmlProtocol,
  error: FakeAwsError,
  requestId: string,
): EncodedResponse {
  const body =
    `<ErrorResponse xmlns="${protocol.xmlns}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, contentType: 'text/xml', body };
}

function encodeRestXmlResult(protocol: RestXmlProtocol, document: XmlDocument | RawBody): EncodedResponse {
  if (document instanceof RawBody)
    return { status: 200, contentType: document.contentType, body: document.text };
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${document.root} xmlns="${protocol.xmlns}">${toXml(document.content)}</${document.root}>`;
  return { status: 200, contentType: 'text/xml', body };
}

/** EC2 answers without a Result wrapper, with the request id in the body. */
function encodeEc2Result(
  protocol: Ec2QueryProtocol,
  operation: string,
  result: unknown,
  requestId: string,
): EncodedResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${operation}Response xmlns="${protocol.xmlns}"><requestId>${requestId}</requestId>` +
    `${toXml(result ?? {}, 'item')}</${operation}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

function encodeEc2Error(error: FakeAwsError, requestId: string): EncodedResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `</Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  return { status: error.status, contentType: 'text/xml', body };
}

/** awsJson sends timestamps as epoch seconds; restJson1 bodies as RFC 3339 strings. */
function toJsonValue(value: unknown, timestamps: 'epoch' | 'iso'): unknown {
  if (value instanceof Date) return timestamps === 'epoch' ? value.getTime() / 1000 : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item, timestamps));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, child]) => child !== undefined)
        .map(([key, child]) => [key, toJsonValue(child, timestamps)]),
    );
  }
  return value;
}

function jsonContentType(protocol: JsonProtocol | RestJsonProtocol): string {
  if (protocol.kind === 'restJson1') return 'application/json';
  return protocol.kind === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
}

export function encodeJsonResult(
  protocol: JsonProtocol | RestJsonProtocol,
  result: unknown,
): EncodedResponse {
  return {
    status: 200,
    contentType: jsonContentType(protocol),
    body: JSON.stringify(toJsonValue(result ?? {}, protocol.kind === 'restJson1' ? 'iso' : 'epoch')),
  };
}

export function encodeJsonError(
  protocol: JsonProtocol | RestJsonProtocol,
  error: FakeAwsError,
): EncodedResponse {
  return {
    status: error.status,
    contentType: jsonContentType(protocol),
    body: JSON.stringify({ __type: error.code, message: error.message }),
    // restJson1 clients read the code from this header first.
    ...(protocol.kind === 'restJson1' && { headers: { 'x-amzn-errortype': error.code } }),
  };
}

export function encodeResult(
  protocol: Protocol,
  operation: string,
  result: unknown,
  requestId: string,
): EncodedResponse {
  switch (protocol.kind) {
    case 'query':
      return encodeQueryResult(protocol, operation, result, requestId);
    case 'ec2Query':
      return encodeEc2Result(protocol, operation, result, requestId);
    case 'restXml':
      return encodeRestXmlResult(protocol, result as XmlDocument | RawBody);
    default:
      return encodeJsonResult(protocol, result);
  }
}

export function encodeError(protocol: Protocol, error: FakeAwsError, requestId: string): EncodedResponse {
  switch (protocol.kind) {
    case 'query':
    case 'restXml':
      return encodeQueryError(protocol, error, requestId);
    case 'ec2Query':
      return encodeEc2Error(error, requestId);
    default:
      return encodeJsonError(protocol, error);
  }
}
