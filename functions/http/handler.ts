import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Lang } from '#schemas/messages.ts';
import { type FIXED_ROUTES, findRoute, type RouteKey, type RouteSpec } from '#functions/routes.ts';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from '#functions/domain/errors.ts';
import { type Caller, callerOf } from '#functions/auth/caller.ts';
import { mayUse } from '#functions/auth/policy.ts';
import type { Actor } from '#functions/use-cases/deps.ts';
import { preferredLang } from './lang.ts';
import { problemResponse } from './problem.ts';
import { parseWith } from '#functions/domain/validation.ts';
import { expectedVersion, invalidBody, invalidPath, invalidQuery, readJsonBody } from './request.ts';
import { injectLambdaContext, logger, recordSubmission } from './observability.ts';

type Route<K extends RouteKey> = Extract<(typeof FIXED_ROUTES)[number], { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;
type Parsed<R, F extends string> = R extends Record<F, infer S extends z.ZodMiniType> ? z.output<S> : undefined;

/** What a use-case adapter sees: the request, parsed and validated against the route's schemas. */
export interface HttpRequest<K extends RouteKey> {
  params: Parsed<Route<K>, 'params'>;
  query: Parsed<Route<K>, 'query'>;
  body: Parsed<Route<K>, 'body'>;
  /** From If-Match: always there where the route requires it, possibly where optional. */
  expectedVersion: Route<K> extends { ifMatch: 'required' } ? number | '*' : Route<K> extends { ifMatch: 'optional' } ? number | '*' | undefined : undefined;
  /** Who is acting (the token's subject once sign-in exists) and under which API request. */
  actor: Actor;
  lang: Lang;
  /** The Accept header, for routes that also speak CSV. */
  accept: string | undefined;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  /** The record's version, sent as its ETag. */
  version?: number | string;
  headers?: Record<string, string>;
  /** A non-JSON body (e.g. CSV), sent as is; its Content-Type goes in `headers`. */
  text?: string;
}

/** What a generated route's adapter sees: validated against that route's schemas, typed by its catalogue entry. */
export interface UntypedHttpRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  expectedVersion: number | '*' | undefined;
  actor: Actor;
  lang: Lang;
  accept: string | undefined;
}

type HttpContext<K extends RouteKey> = Context & { request: HttpRequest<K>; caller?: Caller };

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Sign-in middleware: a signed-in route needs a caller this API knows (401) whose role has the
 * route's permission (403), before anything about the request itself is looked at.
 */
function authorize(route: RouteSpec): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context & { caller?: Caller }> {
  return {
    before: ({ event, context }) => {
      if (route.auth === 'public') return;
      const caller = callerOf(event);
      if (!caller) throw new UnauthorizedError();
      if (!route.permission || !mayUse(caller, route.permission)) throw new ForbiddenError();
      context.caller = caller;
    },
  };
}

/** Schema middleware: path → 404, query → 400, body → 415/413/400/422, If-Match → 428/412. */
function validateRequest<K extends RouteKey>(route: RouteSpec): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext<K>> {
  return {
    before: ({ event, context }) => {
      const params = route.params ? parseWith(route.params, event.pathParameters ?? {}, invalidPath) : undefined;
      const query = route.query ? parseWith(route.query, event.queryStringParameters ?? {}, invalidQuery) : undefined;
      const body = route.body ? parseWith(route.body, readJsonBody(event), invalidBody) : undefined;
      const expected = route.ifMatch === 'required' || (route.ifMatch === 'optional' && event.headers?.['if-match'])
        ? expectedVersion(event) : undefined;
      context.request = {
        params, query, body, expectedVersion: expected,
        actor: { by: context.caller?.sub ?? 'anonymous', requestId: event.requestContext.requestId, ...(context.caller ? { caller: context.caller } : {}) },
        lang: preferredLang(event.headers?.['accept-language']),
        accept: event.headers?.accept,
      } as HttpRequest<K>;
    },
  };
}

/** Errors become problem+json (a 5xx says nothing of its cause); writes count as accepted/rejected/failed. */
function problemsAndMetrics(route: RouteSpec): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const isWrite = route.method !== 'GET';
  const count = (status: number | undefined) => {
    if (isWrite) recordSubmission(route.operationId, status ?? 500);
  };
  return {
    after: ({ response }) => count(response?.statusCode),
    onError: (request) => {
      const { error, event } = request;
      if (error instanceof AppError && error.status < 500) {
        logger.info('request refused', { status: error.status, problem: error.slug });
      } else {
        logger.error('request failed', error as Error);
      }
      request.response = problemResponse(error, preferredLang(event.headers?.['accept-language']), event.requestContext.requestId);
      count(request.response.statusCode);
    },
  };
}

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

type LambdaHandler = middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

/** The untyped form of `httpHandler`, for routes generated from the form catalogue. */
export function routeHandler(route: RouteSpec, action: (request: UntypedHttpRequest) => Promise<HttpResult>): LambdaHandler {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext<RouteKey>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemsAndMetrics(route))
    .use(authorize(route))
    .use(validateRequest<RouteKey>(route))
    .handler(async (event, context) => toApiResult(await action(context.request as unknown as UntypedHttpRequest), event));
  // Lambda passes a plain Context; `request` is added by validateRequest before the handler runs.
  return handler as unknown as LambdaHandler;
}

/**
 * A Lambda handler for one route of the route table: the middleware validates, `action` calls one
 * use case and says what to answer; this shapes the API Gateway response.
 */
export function httpHandler<K extends RouteKey>(key: K, action: (request: HttpRequest<K>) => Promise<HttpResult>): LambdaHandler {
  return routeHandler(findRoute(key), action as unknown as (request: UntypedHttpRequest) => Promise<HttpResult>);
}

/**
 * One Lambda function serving several routes (the same operation on every kind of the catalogue):
 * API Gateway names the route in `event.routeKey`, and that route's handler answers.
 */
export function dispatchByRoute(handlers: ReadonlyMap<string, LambdaHandler>): LambdaHandler {
  const dispatch = async (event: APIGatewayProxyEventV2, context: Context) => {
    const handler = handlers.get(event.routeKey);
    if (!handler) return problemResponse(new NotFoundError(), preferredLang(event.headers?.['accept-language']), event.requestContext.requestId);
    return handler(event, context);
  };
  return dispatch as unknown as LambdaHandler;
}
