import type * as z from 'zod/mini';
import { listOf } from '#schemas/common.ts';
import {
  ministerIdParamsSchema, ministerInputSchema, ministerListQuerySchema, ministerSchema, scorecardQuerySchema, scorecardSchema,
} from '#schemas/minister.ts';
import {
  changeSchema, suggestionIdParamsSchema, suggestionPatchSchema, visitIdParamsSchema, visitInputSchema, visitListQuerySchema, visitPatchSchema,
  visitSchema,
} from '#schemas/visit.ts';
import { healthSchema, regionTreeSchema } from '#schemas/reference.ts';
import { summaryHistoryQuerySchema, summaryHistorySchema, summaryQuerySchema, summarySchema } from '#schemas/summary.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table: least privilege follows from this. */
export type TableAccess = 'none' | 'read' | 'write';

/**
 * One route of the public API, as plain data. The CDK stack makes a function and an HTTP API route
 * of each, the local server serves each with the same handler module, the OpenAPI document is
 * generated from them, and the tests iterate them.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path syntax: `/visits/{id}`. */
  path: string;
  /** Module under `functions/handlers/`, without extension; it exports `handler`. */
  handler: string;
  access: TableAccess;
  /** `public` routes answer without sign-in. */
  auth: 'public' | 'signed-in';
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Success responses by status. */
  responses: Record<number, { description: string; schema?: z.ZodMiniType }>;
  /** `required`: writes that change a stored record (428 without it); `optional`: checked when sent. */
  ifMatch?: 'required' | 'optional';
}

const visitResponse = { description: '走访记录 / the visit', schema: visitSchema };

export const ROUTES = [
  {
    method: 'GET', path: '/health', handler: 'reference/health', access: 'none', auth: 'public',
    operationId: 'getHealth', summary: 'Liveness probe', tag: 'reference',
    responses: { 200: { description: 'Up', schema: healthSchema } },
  },
  {
    method: 'GET', path: '/openapi.json', handler: 'reference/openapi', access: 'none', auth: 'public',
    operationId: 'getOpenApi', summary: 'This API as OpenAPI 3.1', tag: 'reference',
    responses: { 200: { description: 'OpenAPI document' } },
  },
  {
    method: 'GET', path: '/regions', handler: 'reference/regions', access: 'none', auth: 'signed-in',
    operationId: 'getRegions', summary: 'Qinghai region hierarchy (GB/T 2260)', tag: 'reference',
    responses: { 200: { description: 'Province → prefectures → counties', schema: regionTreeSchema } },
  },
  {
    method: 'PUT', path: '/ministers/{id}', handler: 'ministers/put', access: 'write', auth: 'signed-in',
    operationId: 'putMinister', summary: 'Create or replace a minister (组织部长)', tag: 'ministers',
    params: ministerIdParamsSchema, body: ministerInputSchema, ifMatch: 'optional',
    responses: { 200: { description: 'Replaced or unchanged', schema: ministerSchema }, 201: { description: 'Created', schema: ministerSchema } },
  },
  {
    method: 'GET', path: '/ministers/{id}', handler: 'ministers/get', access: 'read', auth: 'signed-in',
    operationId: 'getMinister', summary: 'Read a minister', tag: 'ministers',
    params: ministerIdParamsSchema,
    responses: { 200: { description: 'The minister', schema: ministerSchema } },
  },
  {
    method: 'GET', path: '/ministers', handler: 'ministers/list', access: 'read', auth: 'signed-in',
    operationId: 'listMinisters', summary: 'Ministers of a region', tag: 'ministers',
    query: ministerListQuerySchema,
    responses: { 200: { description: 'A page of ministers', schema: listOf(ministerSchema) } },
  },
  {
    method: 'GET', path: '/ministers/{id}/scorecard', handler: 'ministers/scorecard', access: 'read', auth: 'signed-in',
    operationId: 'getMinisterScorecard', summary: "One head's figures against the six targets for a year, as of a day (述职, 总结讲评)", tag: 'reporting',
    params: ministerIdParamsSchema, query: scorecardQuerySchema,
    responses: { 200: { description: 'The scorecard', schema: scorecardSchema } },
  },
  {
    method: 'POST', path: '/visits', handler: 'visits/create', access: 'write', auth: 'signed-in',
    operationId: 'createVisit', summary: 'Report a visit (one head, one branch, one day)', tag: 'visits',
    body: visitInputSchema,
    responses: { 201: { description: 'Stored', schema: visitSchema }, 200: { description: 'Already stored with the same body (a retry)', schema: visitSchema } },
  },
  {
    method: 'GET', path: '/visits', handler: 'visits/list', access: 'read', auth: 'signed-in',
    operationId: 'listVisits', summary: 'List visits by region, minister and date', tag: 'visits',
    query: visitListQuerySchema,
    responses: { 200: { description: 'A page of visits', schema: listOf(visitSchema) } },
  },
  {
    method: 'GET', path: '/visits/{id}', handler: 'visits/get', access: 'read', auth: 'signed-in',
    operationId: 'getVisit', summary: 'Read a visit', tag: 'visits',
    params: visitIdParamsSchema, responses: { 200: visitResponse },
  },
  {
    method: 'PATCH', path: '/visits/{id}', handler: 'visits/correct', access: 'write', auth: 'signed-in',
    operationId: 'correctVisit', summary: 'Correct a visit', tag: 'visits',
    params: visitIdParamsSchema, body: visitPatchSchema, ifMatch: 'required', responses: { 200: visitResponse },
  },
  {
    method: 'DELETE', path: '/visits/{id}', handler: 'visits/withdraw', access: 'write', auth: 'signed-in',
    operationId: 'withdrawVisit', summary: 'Withdraw a visit (stays readable, stops counting)', tag: 'visits',
    params: visitIdParamsSchema, ifMatch: 'required', responses: { 200: visitResponse },
  },
  {
    method: 'GET', path: '/visits/{id}/history', handler: 'visits/history', access: 'read', auth: 'signed-in',
    operationId: 'getVisitHistory', summary: 'Append-only change trail of a visit', tag: 'visits',
    params: visitIdParamsSchema,
    responses: { 200: { description: 'Changes, oldest first', schema: listOf(changeSchema) } },
  },
  {
    method: 'PATCH', path: '/suggestions/{id}', handler: 'suggestions/progress', access: 'write', auth: 'signed-in',
    operationId: 'progressSuggestion', summary: "Move a suggestion on (If-Match: its visit's ETag)", tag: 'visits',
    params: suggestionIdParamsSchema, body: suggestionPatchSchema, ifMatch: 'required',
    responses: { 200: { description: 'The visit holding the suggestion', schema: visitSchema } },
  },
  {
    method: 'GET', path: '/summary', handler: 'reporting/summary', access: 'read', auth: 'signed-in',
    operationId: 'getSummary', summary: 'Stored snapshot of a region as of the end of a Beijing day (newest without date); CSV with format=csv', tag: 'reporting',
    query: summaryQuerySchema,
    responses: { 200: { description: 'The snapshot, with its children (or text/csv)', schema: summarySchema } },
  },
  {
    method: 'GET', path: '/summary/history', handler: 'reporting/history', access: 'read', auth: 'signed-in',
    operationId: 'getSummaryHistory', summary: "A region's headline figures day by day (last 30 days by default); CSV with format=csv", tag: 'reporting',
    query: summaryHistoryQuerySchema,
    responses: { 200: { description: 'The series, oldest first (or text/csv)', schema: summaryHistorySchema } },
  },
  {
    method: 'GET', path: '/schemas/summary.json', handler: 'reference/summary-schema', access: 'none', auth: 'public',
    operationId: 'getSummarySchema', summary: 'JSON Schema (2020-12) of GET /summary, for reporting clients to validate against', tag: 'reporting',
    responses: { 200: { description: 'JSON Schema' } },
  },
] as const satisfies readonly RouteSpec[];

export type RouteKey = `${(typeof ROUTES)[number]['method']} ${(typeof ROUTES)[number]['path']}`;

/** `METHOD /path` exactly as API Gateway spells a route key. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

export function findRoute(key: RouteKey): RouteSpec {
  const route = (ROUTES as readonly RouteSpec[]).find((r) => routeKey(r) === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}
