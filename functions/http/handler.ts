import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { NotFoundError } from '#schemas/errors.ts';
import type { RouteSpec } from '#functions/routes.ts';
import { authorize } from './authorize.ts';
import { preferredLang } from './lang.ts';
import { problemsAndMetrics } from './middleware/problems-and-metrics.ts';
import { injectLambdaContext } from './middleware/log-context.ts';
import { logger } from './observability.ts';
import { problemResponse } from './problem.ts';
import { type HttpRequest, validateRequest } from './validate-request.ts';

export type { HttpRequest };

export interface HttpResult {
  status: number;
  body?: unknown;
  /** The record's version, sent as its ETag. */
  version?: number | string;
  headers?: Record<string, string>;
  /** A non-JSON body (e.g. CSV), sent as is; its Content-Type goes in `headers`. */
  text?: string;
}

/** What API Gateway (HTTP API, payload 2.0) invokes. */
export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function toApiResult(result: HttpResult, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  // Records hold people's words: private caches only, and always revalidated (ETag → 304).
  const headers: Record<string, string> = { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'private, no-cache', ...result.headers };
  if (result.version !== undefined) {
    const etag = `"${result.version}"`;
    headers.ETag = etag;
    if (event.requestContext.http.method === 'GET' && event.headers?.['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      return { statusCode: 304, headers: { ETag: etag, ...result.headers } };
    }
  }
  if (result.text !== undefined) return { statusCode: result.status, headers, body: result.text };
  if (result.body === undefined) return { statusCode: result.status, headers };
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

/**
 * The Lambda handler of one route of the route table. Middleware first (log context, problem+json
 * and write metrics), then the route's own steps: who calls (401/403), what they sent (400–428), and
 * `action`, which calls one use case and says what to answer; this shapes the API Gateway response.
 */
export function httpHandler<R extends RouteSpec>(route: R, action: (request: HttpRequest<R>) => Promise<HttpResult>): LambdaHandler {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemsAndMetrics(route))
    .handler(async (event) => {
      const caller = authorize(route, event);
      return toApiResult(await action(validateRequest(route, event, caller)), event);
    });
}

/**
 * One Lambda function serving several routes (the same operation on every kind of the catalogue):
 * API Gateway names the route in `event.routeKey`, and that route's handler answers.
 */
export function dispatchByRoute(handlers: ReadonlyMap<string, LambdaHandler>): LambdaHandler {
  return async (event, context) => {
    const handler = handlers.get(event.routeKey);
    if (!handler) return problemResponse(new NotFoundError(), preferredLang(event.headers?.['accept-language']), event.requestContext.requestId);
    return handler(event, context);
  };
}
