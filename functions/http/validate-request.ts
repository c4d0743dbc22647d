import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Lang } from '#schemas/messages.ts';
import { parseWith } from '#schemas/validation.ts';
import type { RouteSpec } from '#functions/routes.ts';
import type { Caller } from '#functions/auth/caller.ts';
import type { Actor } from '#functions/use-cases/deps.ts';
import { preferredLang } from './lang.ts';
import { expectedVersion, invalidBody, invalidPath, invalidQuery, readJsonBody } from './request.ts';

type Parsed<R, F extends string> = R extends Record<F, infer S extends z.ZodMiniType> ? z.output<S> : undefined;

/** What a handler's action sees: the request, parsed and validated against its route's schemas. */
export interface HttpRequest<R extends RouteSpec = RouteSpec> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  /** From If-Match: always there where the route requires it, possibly where optional. */
  expectedVersion: R extends { ifMatch: 'required' } ? number | '*' : R extends { ifMatch: 'optional' } ? number | '*' | undefined : undefined;
  /** Who is acting (the token's subject) and under which API request. */
  actor: Actor;
  lang: Lang;
  /** The Accept header, for routes that also speak CSV. */
  accept: string | undefined;
}

/** Path → 404, query → 400, body → 415/413/400/422, If-Match → 428/412: every bad field of a part at once. */
export function validateRequest<R extends RouteSpec>(route: R, event: APIGatewayProxyEventV2, caller: Caller | undefined): HttpRequest<R> {
  const request = {
    params: route.params ? parseWith(route.params, event.pathParameters ?? {}, invalidPath) : undefined,
    query: route.query ? parseWith(route.query, event.queryStringParameters ?? {}, invalidQuery) : undefined,
    body: route.body ? parseWith(route.body, readJsonBody(event), invalidBody) : undefined,
    expectedVersion: route.ifMatch === 'required' || (route.ifMatch === 'optional' && event.headers?.['if-match']) ? expectedVersion(event) : undefined,
    actor: { by: caller?.sub ?? 'anonymous', requestId: event.requestContext.requestId, ...(caller ? { caller } : {}) },
    lang: preferredLang(event.headers?.['accept-language']),
    accept: event.headers?.accept,
  };
  // Each part was parsed by the very schema R declares for it (or is absent where R declares none).
  return request as HttpRequest<R>;
}
