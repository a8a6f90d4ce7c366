// Wire protocols the fake speaks. Each service declares one; the server decodes the request into
// (operation, input), runs the handler, and encodes its result or error the way that protocol does.
// - AWS Query (IAM, STS): form-encoded body with Action=...; XML answer whose `<{Op}Result>` element
//   must be named exactly so (the SDK silently returns an empty output otherwise); lists as
//   `<member>`, maps as `<entry><key/><value/></entry>`; errors as `<ErrorResponse><Error>`.
// - awsJson 1.0 / 1.1 (Organizations, Config, ...): X-Amz-Target `Prefix.Operation`, JSON body,
//   timestamps as epoch seconds, errors as `{"__type": ..., "message": ...}`.

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

export type Protocol = QueryProtocol | JsonProtocol;

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

export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface EncodedResponse {
  status: number;
  contentType: string;
  body: string;
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

export function toXml(value: unknown): string {
  if (value instanceof Date) return xmlTimestamp(value);
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(
        ([key, entry]) =>
          `<entry><key>${escapeXml(key)}</key><value>${escapeXml(String(entry))}</value></entry>`,
      )
      .join('');
  }
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined && child !== null)
      .map(([key, child]) => `<${key}>${toXml(child)}</${key}>`)
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
  protocol: QueryProtocol,
  error: FakeAwsError,
  requestId: string,
): EncodedResponse {
  const body =
    `<ErrorResponse xmlns="${protocol.xmlns}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, contentType: 'text/xml', body };
}

/** JSON protocols send timestamps as epoch seconds. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, child]) => child !== undefined)
        .map(([key, child]) => [key, toJsonValue(child)]),
    );
  }
  return value;
}

function jsonContentType(protocol: JsonProtocol): string {
  return protocol.kind === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
}

export function encodeJsonResult(protocol: JsonProtocol, result: unknown): EncodedResponse {
  return {
    status: 200,
    contentType: jsonContentType(protocol),
    body: JSON.stringify(toJsonValue(result ?? {})),
  };
}

export function encodeJsonError(protocol: JsonProtocol, error: FakeAwsError): EncodedResponse {
  return {
    status: error.status,
    contentType: jsonContentType(protocol),
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

export function encodeResult(
  protocol: Protocol,
  operation: string,
  result: unknown,
  requestId: string,
): EncodedResponse {
  return protocol.kind === 'query'
    ? encodeQueryResult(protocol, operation, result, requestId)
    : encodeJsonResult(protocol, result);
}

export function encodeError(protocol: Protocol, error: FakeAwsError, requestId: string): EncodedResponse {
  return protocol.kind === 'query'
    ? encodeQueryError(protocol, error, requestId)
    : encodeJsonError(protocol, error);
}
