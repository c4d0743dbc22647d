import { findRoute, type RecordOperation, recordRouteKey } from '#functions/routes.ts';
import { CATALOGUE } from '#functions/catalogue/index.ts';
import type { CatalogueEntry } from '#functions/catalogue/entry.ts';
import { dispatchByRoute, type HttpResult, routeHandler, type UntypedHttpRequest } from './handler.ts';

/**
 * The Lambda handler of one operation on every kind of the catalogue (one function serves
 * `POST /visits`, `POST /problems`, …): each route is validated against its own kind's schemas,
 * then `action` runs with that kind's catalogue entry.
 */
export function recordHandler(operation: RecordOperation, action: (entry: CatalogueEntry, request: UntypedHttpRequest) => Promise<HttpResult>) {
  return dispatchByRoute(new Map(CATALOGUE.map((entry) => {
    const key = recordRouteKey(operation, entry.form);
    return [key, routeHandler(findRoute(key), (request) => action(entry, request))] as const;
  })));
}

/** A record as an answer: its body, its version as ETag. */
export const recordResult = (status: number, record: { version: number }, headers?: Record<string, string>): HttpResult => ({
  status, body: record, version: record.version, ...(headers ? { headers } : {}),
});
