import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import type { Form } from '#schemas/form.ts';
import { type RecordOperation, recordRouteKey, type RecordRoutes, recordRoutes, routeKey, type RouteSpec } from '#functions/routes.ts';
import { once } from '#schemas/once.ts';
import { dispatchByRoute, type HttpRequest, type HttpResult, httpHandler } from './handler.ts';

/**
 * The Lambda handler of one operation on every kind of the catalogue (one function serves
 * `POST /visits`, `POST /problems`, …): each route is validated against its own kind's schemas,
 * then `action` runs with that kind.
 */
export function recordHandler<O extends RecordOperation>(operation: O, action: (kind: Kind, request: HttpRequest<RecordRoutes[O]>) => Promise<HttpResult>) {
  return kindsHandler((form): RecordRoutes[O] => recordRoutes(form)[operation], action, (form) => recordRouteKey(operation, form));
}

/**
 * The same for a route every kind has that is not one of the seven (批量通过: bulk-review-routes.ts).
 * Each kind's route and its schemas are built on its first request, not at import: a function's cold
 * start would otherwise build every kind's schemas, and a warm one serves a kind or two.
 */
export function kindsHandler<R extends RouteSpec>(
  routeOf: (form: Form) => R,
  action: (kind: Kind, request: HttpRequest<R>) => Promise<HttpResult>,
  keyOf: (form: Form) => string = (form) => routeKey(routeOf(form)),
) {
  return dispatchByRoute(new Map(KINDS.map((kind) => {
    const handler = once(() => httpHandler(routeOf(kind.form), (request) => action(kind, request)));
    return [keyOf(kind.form), (event, context) => handler()(event, context)] as const;
  })));
}

/** A record as an answer: its body, its version as ETag. */
export const recordResult = (status: number, record: { version: number }, headers?: Record<string, string>): HttpResult => ({
  status, body: record, version: record.version, ...(headers ? { headers } : {}),
});
