import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routeKey } from '#functions/routes.ts';
import type { LocalRoute } from '#local/route-matcher.ts';

/**
 * The HTTP API's Lambda payload format 2.0, both ways: an HTTP request becomes the event API Gateway
 * would send, and a handler's result becomes the HTTP answer API Gateway would give.
 */

/** What any Lambda handler of an HTTP API route is, seen from outside (middy's included). */
export type HttpLambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/**
 * Bodies API Gateway passes as text; every other body — a missing Content-Type and form posts
 * included — reaches the function base64-encoded (observed on AWS; the docs do not list them).
 */
const TEXT_CONTENT_TYPE = /^\s*(?:text\/[^;\s]+|application\/(?:json|xml|javascript))\s*(?:;|$)/i;

export const isTextContentType = (contentType: string | undefined): boolean => !!contentType && TEXT_CONTENT_TYPE.test(contentType);

/** `12/Mar/2020:19:03:58 +0000`, the (Common Log Format) time API Gateway puts in requestContext. */
function commonLogTime(date: Date): string {
  const [, day, month, year, time] = /^\w+, (\d\d) (\w+) (\d+) ([\d:]+) GMT$/.exec(date.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}

export interface IncomingRequest {
  request: IncomingMessage;
  method: string;
  /** The path as sent, still percent-encoded. */
  encodedPath: string;
  /** After `?`, as sent. */
  rawQueryString: string;
  body: Buffer;
  route: LocalRoute;
  pathParameters?: Record<string, string>;
  requestId: string;
  receivedAt: Date;
  /** What the JWT authorizer passes on for a verified token. */
  authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
}

/** Header names lower-cased, repeats joined with ","; Cookie headers become `cookies`, as on AWS. */
function headersAndCookies(request: IncomingMessage): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i].toLowerCase();
    const value = request.rawHeaders[i + 1];
    if (name === 'cookie') cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Repeated keys joined with ","; values decoded (`+` as a space). */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    parameters[key] = key in parameters ? `${parameters[key]},${value}` : value;
  }
  return Object.keys(parameters).length ? parameters : undefined;
}

export function toApiGatewayEvent(incoming: IncomingRequest): APIGatewayProxyEventV2 {
  const { request, route, body, receivedAt } = incoming;
  const { headers, cookies } = headersAndCookies(request);
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  // API Gateway sits in front as a proxy and says so.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(request.socket.localPort ?? '');
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  // HTTP APIs hand the path over URL-decoded (unlike REST APIs and function URLs); the query stays raw.
  const rawPath = decodeURIComponent(incoming.encodedPath);
  const key = routeKey(route);
  const queryStringParameters = queryParameters(incoming.rawQueryString);
  const hasBody = body.length > 0;
  const asText = isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString: incoming.rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(incoming.pathParameters ? { pathParameters: incoming.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method: incoming.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: incoming.requestId,
      routeKey: key,
      ...(incoming.authorizer ? { authorizer: incoming.authorizer } : {}),
      stage: '$default',
      time: commonLogTime(receivedAt),
      timeEpoch: receivedAt.getTime(),
    },
    ...(hasBody ? { body: body.toString(asText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !asText,
  };
}

/** The function name a route's handler module gets locally: `visits/create` → `visits-create`. */
export const functionNameOf = (handler: string): string => handler.replaceAll('/', '-');

/** A Lambda context for one invocation of `functionName` with `timeoutMs` to run. */
export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => {
    throw new Error('callback-style Lambda handlers (context.done/succeed/fail) are not supported locally');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** A handler returned something API Gateway could not turn into a response (it answers 500 then). */
export class InvalidLambdaResultError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A handler's result as API Gateway reads it: a structured result (it has `statusCode`) is taken
 * field by field; anything else is a 200 whose JSON body is the result itself.
 */
export function fromLambdaResult(result: unknown): HttpAnswer {
  const json = { 'content-type': 'application/json' };
  if (typeof result === 'string') return { statusCode: 200, headers: json, body: Buffer.from(result) };
  if (!isRecord(result) || !('statusCode' in result)) {
    return { statusCode: 200, headers: json, body: Buffer.from(JSON.stringify(result) ?? '') };
  }
  const { statusCode, headers = {}, multiValueHeaders = {}, cookies = [], body, isBase64Encoded } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new InvalidLambdaResultError(`statusCode ${String(statusCode)} is not an HTTP status`);
  }
  if (!isRecord(headers) || !isRecord(multiValueHeaders) || !Array.isArray(cookies) || (body !== undefined && typeof body !== 'string')) {
    throw new InvalidLambdaResultError('headers, multiValueHeaders, cookies or body have the wrong type');
  }
  const answer: HttpAnswer['headers'] = {};
  const add = (name: string, values: string[]) => {
    const key = name.toLowerCase();
    const before = answer[key];
    answer[key] = before === undefined ? (values.length === 1 ? values[0] : values) : [...[before].flat(), ...values];
  };
  for (const [name, value] of Object.entries(headers)) add(name, [String(value)]);
  for (const [name, values] of Object.entries(multiValueHeaders)) if (Array.isArray(values)) add(name, values.map(String));
  // Each cookie becomes its own Set-Cookie header.
  if (cookies.length) add('set-cookie', cookies.map(String));
  return { statusCode, headers: answer, body: Buffer.from(body ?? '', isBase64Encoded === true ? 'base64' : 'utf8') };
}
