import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** A minimal API Gateway v2 event, as the HTTP API would send it for `method path`. */
export function apiEvent(
  routeKey: string,
  init: { path?: string; pathParameters?: Record<string, string>; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown; rawBody?: string; claims?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const [method, template] = routeKey.split(' ');
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return {
    version: '2.0',
    routeKey,
    rawPath: init.path ?? template,
    rawQueryString: new URLSearchParams(init.query).toString(),
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    queryStringParameters: init.query,
    pathParameters: init.pathParameters,
    requestContext: {
      // What API Gateway's JWT authorizer passes on: a province-wide admin unless the test says otherwise.
      ...{ authorizer: { jwt: { claims: init.claims ?? { sub: 'unit-admin', 'custom:role': 'admin', 'custom:region': '630000' }, scopes: null } } },
      accountId: 'unit', apiId: 'unit', domainName: 'localhost', domainPrefix: 'localhost', requestId: randomUUID(),
      routeKey, stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
      // What API Gateway's JWT authorizer passes on: a province-wide admin unless the test says otherwise.
      http: { method, path: init.path ?? template, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    },
    body,
    isBase64Encoded: false,
  };
}

export const lambdaContext = { functionName: 'unit', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/** Parses a handler result body. */
export const json = (result: { body?: string }) => JSON.parse(result.body ?? 'null');
