import { listOf } from '#schemas/common.ts';
import {
  ministerIdParamsSchema, ministerInputSchema, ministerListQuerySchema, ministerSchema, scorecardListQuerySchema, scorecardListSchema, scorecardQuerySchema, scorecardSchema,
} from '#schemas/minister.ts';
import { suggestionItemSchema, suggestionListQuerySchema, suggestionPatchSchema, visitSchema } from '#schemas/kinds/visit.ts';
import { recordIdParamsSchema } from '#schemas/form.ts';
import { healthSchema, regionTreeSchema } from '#schemas/reference.ts';
import {
  branchEntryInputSchema, branchEntrySchema, branchIdParamsSchema, branchImportResultSchema, branchImportSchema, branchListQuerySchema,
} from '#schemas/branch.ts';
import { summaryHistoryQuerySchema, summaryHistorySchema, summaryQuerySchema, summarySchema } from '#schemas/summary.ts';
import { routeKey, type RouteSpec } from './routes.ts';

/**
 * The routes written out here; every kind of the form catalogue adds its own (see `recordRoutes`).
 * Apart from routes.ts because this list runs schema code when imported (esbuild keeps it whether
 * used or not): only the functions that serve one of these routes carry all the schemas it names.
 */
export const FIXED_ROUTES = [
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
    method: 'GET', path: '/regions', handler: 'reference/regions', access: 'none', auth: 'signed-in', permission: 'reference.read',
    operationId: 'getRegions', summary: 'Qinghai region hierarchy (GB/T 2260)', tag: 'reference',
    responses: { 200: { description: 'Province → prefectures → counties', schema: regionTreeSchema } },
  },
  {
    method: 'PUT', path: '/ministers/{id}', handler: 'ministers/put', access: 'write', auth: 'signed-in', permission: 'ministers.write',
    operationId: 'putMinister', summary: 'Create or replace a minister (组织部长)', tag: 'ministers',
    params: ministerIdParamsSchema, body: ministerInputSchema, ifMatch: 'optional',
    responses: { 200: { description: 'Replaced or unchanged', schema: ministerSchema }, 201: { description: 'Created', schema: ministerSchema } },
  },
  {
    method: 'GET', path: '/ministers/{id}', handler: 'ministers/get', access: 'read', auth: 'signed-in', permission: 'ministers.read',
    operationId: 'getMinister', summary: 'Read a minister', tag: 'ministers',
    params: ministerIdParamsSchema,
    responses: { 200: { description: 'The minister', schema: ministerSchema } },
  },
  {
    method: 'GET', path: '/ministers', handler: 'ministers/list', access: 'read', auth: 'signed-in', permission: 'ministers.read',
    operationId: 'listMinisters', summary: 'Ministers of a region', tag: 'ministers',
    query: ministerListQuerySchema,
    responses: { 200: { description: 'A page of ministers', schema: listOf(ministerSchema) } },
  },
  {
    method: 'GET', path: '/ministers/{id}/scorecard', handler: 'ministers/scorecard', access: 'read', auth: 'signed-in', permission: 'scorecards.read',
    operationId: 'getMinisterScorecard', summary: "One head's figures against the six targets for a year, as of a day (述职, 总结讲评)", tag: 'reporting',
    params: ministerIdParamsSchema, query: scorecardQuerySchema,
    responses: { 200: { description: 'The scorecard', schema: scorecardSchema } },
  },
  {
    method: 'PUT', path: '/branches/{id}', handler: 'branches/put', access: 'write', auth: 'signed-in', permission: 'branches.write',
    operationId: 'putBranch', summary: 'Register a branch, or replace its entry (支部名册)', tag: 'branches',
    params: branchIdParamsSchema, body: branchEntryInputSchema, ifMatch: 'optional',
    responses: { 200: { description: 'Replaced or unchanged', schema: branchEntrySchema }, 201: { description: 'Registered', schema: branchEntrySchema } },
  },
  {
    method: 'GET', path: '/branches/{id}', handler: 'branches/get', access: 'read', auth: 'signed-in', permission: 'branches.read',
    operationId: 'getBranch', summary: 'Read a registered branch', tag: 'branches',
    params: branchIdParamsSchema,
    responses: { 200: { description: 'The branch', schema: branchEntrySchema } },
  },
  {
    method: 'GET', path: '/branches', handler: 'branches/list', access: 'read', auth: 'signed-in', permission: 'branches.read',
    operationId: 'listBranches', summary: "A region's registered branches by name, type and whether they have been visited", tag: 'branches',
    query: branchListQuerySchema,
    responses: { 200: { description: 'A page of branches, in name order', schema: listOf(branchEntrySchema) } },
  },
  {
    method: 'POST', path: '/branches/import', handler: 'branches/import', access: 'write', auth: 'signed-in', permission: 'branches.write',
    operationId: 'importBranches', summary: "Import a department's roster: at most 500 rows, each new, changed, unchanged or rejected by its index", tag: 'branches',
    body: branchImportSchema,
    responses: { 200: { description: 'What became of the rows (a dry run writes nothing)', schema: branchImportResultSchema } },
  },
  {
    method: 'GET', path: '/scorecards', handler: 'reporting/scorecards', access: 'read', auth: 'signed-in', permission: 'figures.read',
    operationId: 'listScorecards', summary: "Every head of a region side by side for a year, as of a day (总结讲评)", tag: 'reporting',
    query: scorecardListQuerySchema,
    responses: { 200: { description: "The region's heads, each with their scorecard", schema: scorecardListSchema } },
  },
  {
    method: 'GET', path: '/suggestions', handler: 'suggestions/list', access: 'read', auth: 'signed-in', permission: 'records.read',
    operationId: 'listSuggestions', summary: 'The suggestions of the visits the caller may see (意见建议台账), each with its visit', tag: 'visits',
    query: suggestionListQuerySchema,
    responses: { 200: { description: 'A page of suggestions (whole visits: at most `limit` of them, unless one visit alone has more)', schema: listOf(suggestionItemSchema) } },
  },
  {
    method: 'PATCH', path: '/suggestions/{id}', handler: 'suggestions/progress', access: 'write', auth: 'signed-in', permission: 'records.correct',
    operationId: 'progressSuggestion', summary: "Move a suggestion on (If-Match: its visit's ETag)", tag: 'visits',
    params: recordIdParamsSchema, body: suggestionPatchSchema, ifMatch: 'required',
    responses: { 200: { description: 'The visit holding the suggestion', schema: visitSchema } },
  },
  {
    method: 'GET', path: '/summary', handler: 'reporting/summary', access: 'read', auth: 'signed-in', permission: 'figures.read',
    operationId: 'getSummary', summary: 'Stored snapshot of a region as of the end of a Beijing day (newest without date); CSV with format=csv', tag: 'reporting',
    query: summaryQuerySchema,
    responses: { 200: { description: 'The snapshot, with its children (or text/csv)', schema: summarySchema } },
  },
  {
    method: 'GET', path: '/summary/history', handler: 'reporting/history', access: 'read', auth: 'signed-in', permission: 'figures.read',
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

export type RouteKey = `${(typeof FIXED_ROUTES)[number]['method']} ${(typeof FIXED_ROUTES)[number]['path']}`;

/** A route written out here, typed as written (its schemas type the handler's request). */
export type FixedRoute<K extends RouteKey> = Extract<(typeof FIXED_ROUTES)[number], { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;

export function fixedRoute<K extends RouteKey>(key: K): FixedRoute<K> {
  const route = FIXED_ROUTES.find((r): r is FixedRoute<K> => routeKey(r) === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}
