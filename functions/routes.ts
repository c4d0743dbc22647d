import type * as z from 'zod/mini';
import type { Permission } from '#functions/auth/policy.ts';
import { listOf } from '#schemas/common.ts';
import {
  ministerIdParamsSchema, ministerInputSchema, ministerListQuerySchema, ministerSchema, scorecardListQuerySchema, scorecardListSchema, scorecardQuerySchema, scorecardSchema,
} from '#schemas/minister.ts';
import { suggestionItemSchema, suggestionListQuerySchema, suggestionPatchSchema, visitSchema } from '#schemas/kinds/visit.ts';
import { changeSchema, type Form, recordIdParamsSchema, reviewPatchSchema } from '#schemas/form.ts';
import { healthSchema, regionTreeSchema } from '#schemas/reference.ts';
import {
  branchEntryInputSchema, branchEntrySchema, branchIdParamsSchema, branchImportResultSchema, branchImportSchema, branchListQuerySchema,
} from '#schemas/branch.ts';
import { workCountsQuerySchema, workCountsSchema } from '#schemas/work-lists.ts';
import { summaryHistoryQuerySchema, summaryHistorySchema, summaryQuerySchema, summarySchema } from '#schemas/summary.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's function may do to the table: least privilege follows from this. */
export type TableAccess = 'none' | 'read' | 'write';

/**
 * What a route's function may do with the evidence bucket's objects: presign uploads (`put`: S3
 * checks the URL against the function's own s3:PutObject) or downloads (`get`: s3:GetObject).
 */
export type BucketAccess = 'put' | 'get';

/** The function S3 invokes for each object created in the evidence bucket (not a route: nothing calls it over HTTP). */
export const VERIFY_HANDLER = 'attachments/verify';

/**
 * One route of the public API, as plain data. The CDK stack makes a function and an HTTP API route
 * of each, the local server serves each with the same handler module, the OpenAPI document is
 * generated from them, and the tests iterate them.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** API Gateway path syntax: `/visits/{id}`. */
  path: string;
  /** Module under `functions/handlers/`, without extension; it exports `handler`. */
  handler: string;
  access: TableAccess;
  /** The evidence bucket, for the routes that hand out its URLs; none by default. */
  bucket?: BucketAccess;
  /** `public` routes answer without sign-in. */
  auth: 'public' | 'signed-in';
  /** What a signed-in caller's role must allow (functions/auth/policy.ts). */
  permission?: Permission;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodMiniType<P>;
  query?: z.ZodMiniType<Q>;
  body?: z.ZodMiniType<B>;
  /** Success responses by status. */
  responses: Record<number, { description: string; schema?: z.ZodMiniType }>;
  /** `required`: writes that change a stored record (428 without it); `optional`: checked when sent. */
  ifMatch?: 'required' | 'optional';
}

/** The routes written out here; every kind of the form catalogue adds its own (see `recordRoutes`). */
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
    method: 'GET', path: '/work-counts', handler: 'records/work-counts', access: 'read', auth: 'signed-in', permission: 'records.review',
    operationId: 'getWorkCounts', summary: "How much waits in the desk's work lists of a region: awaiting review by kind, suspected duplicates, pending suggestions, open problems by light", tag: 'records',
    query: workCountsQuerySchema,
    responses: { 200: { description: 'The counts of the region (the caller\'s own by default), and of each child region for the ledgers', schema: workCountsSchema } },
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

/** What can be done to the records of every kind, each served by one handler module under `records/`. */
export const RECORD_OPERATIONS = {
  create: { method: 'POST', suffix: '', access: 'write', permission: 'records.create' },
  list: { method: 'GET', suffix: '', access: 'read', permission: 'records.read' },
  get: { method: 'GET', suffix: '/{id}', access: 'read', permission: 'records.read' },
  correct: { method: 'PATCH', suffix: '/{id}', access: 'write', permission: 'records.correct' },
  withdraw: { method: 'DELETE', suffix: '/{id}', access: 'write', permission: 'records.withdraw' },
  history: { method: 'GET', suffix: '/{id}/history', access: 'read', permission: 'records.read' },
  review: { method: 'PATCH', suffix: '/{id}/review', access: 'write', permission: 'records.review' },
} as const satisfies Record<string, { method: HttpMethod; suffix: string; access: TableAccess; permission: Permission }>;

export type RecordOperation = keyof typeof RECORD_OPERATIONS;

/** `METHOD /path` of an operation on a kind: `PATCH /problems/{id}`. */
export const recordRouteKey = (operation: RecordOperation, form: Pick<Form, 'path'>) =>
  `${RECORD_OPERATIONS[operation].method} /${form.path}${RECORD_OPERATIONS[operation].suffix}`;

/** The seven routes of one kind, from its form, by operation (typed by the form's schemas). */
export function recordRoutes(form: Form) {
  const { name, label, schemas } = form;
  const one = { description: `${label.zh} / the ${label.en.toLowerCase()}`, schema: schemas.record };
  const base = <O extends RecordOperation>(operation: O) => ({
    method: RECORD_OPERATIONS[operation].method,
    path: `/${form.path}${RECORD_OPERATIONS[operation].suffix}`,
    handler: `records/${operation}`,
    access: RECORD_OPERATIONS[operation].access,
    auth: 'signed-in' as const,
    permission: RECORD_OPERATIONS[operation].permission,
    tag: form.path,
  });
  return {
    create: {
      ...base('create'), operationId: `create${name}`, summary: `Report a ${label.en.toLowerCase()} (${label.zh})`, body: schemas.input,
      responses: {
        201: { description: 'Stored', schema: schemas.record },
        200: { description: 'Already stored with the same body (a retry)', schema: schemas.record },
        204: { description: 'Already stored with the same body, by a caller who may no longer see it (moved or handed over since): stored, nothing shown' },
      },
    },
    list: {
      ...base('list'), operationId: `list${name}s`, summary: `List ${label.en.toLowerCase()}s by region, minister, date, status and review`, query: schemas.listQuery,
      responses: { 200: { description: `A page of ${label.en.toLowerCase()}s`, schema: listOf(schemas.record) } },
    },
    get: { ...base('get'), operationId: `get${name}`, summary: `Read a ${label.en.toLowerCase()}`, params: recordIdParamsSchema, responses: { 200: one } },
    correct: {
      ...base('correct'), operationId: `correct${name}`, summary: `Correct a ${label.en.toLowerCase()}${form.movable ? ' or move its status on' : ''}`,
      params: recordIdParamsSchema, body: schemas.patch, ifMatch: 'required' as const, responses: { 200: one },
    },
    withdraw: {
      ...base('withdraw'), operationId: `withdraw${name}`, summary: `Withdraw a ${label.en.toLowerCase()} (stays readable, stops counting)`,
      params: recordIdParamsSchema, ifMatch: 'required' as const, responses: { 200: one },
    },
    history: {
      ...base('history'), operationId: `get${name}History`, summary: `Append-only change trail of a ${label.en.toLowerCase()}`, params: recordIdParamsSchema,
      responses: { 200: { description: 'Changes, oldest first', schema: listOf(changeSchema) } },
    },
    review: {
      ...base('review'), operationId: `review${name}`, summary: `Review a ${label.en.toLowerCase()}: approved, has_issues or rejected (rejected stops counting)`,
      params: recordIdParamsSchema, body: reviewPatchSchema, ifMatch: 'required' as const, responses: { 200: one },
    },
  } satisfies Record<RecordOperation, RouteSpec>;
}

export type RecordRoutes = ReturnType<typeof recordRoutes>;

export type RouteKey = `${(typeof FIXED_ROUTES)[number]['method']} ${(typeof FIXED_ROUTES)[number]['path']}`;

/** `METHOD /path` exactly as API Gateway spells a route key. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** A route written out here, typed as written (its schemas type the handler's request). */
export type FixedRoute<K extends RouteKey> = Extract<(typeof FIXED_ROUTES)[number], { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;

export function fixedRoute<K extends RouteKey>(key: K): FixedRoute<K> {
  const route = FIXED_ROUTES.find((r): r is FixedRoute<K> => routeKey(r) === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}
