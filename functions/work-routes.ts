import { workCountsQuerySchema, workCountsSchema } from '#schemas/work-lists.ts';
import type { RouteSpec } from './routes.ts';

/**
 * What waits in the desk's work lists. Each list of routes written out has a module of its own:
 * building one runs schema code, so a function carries the schemas of its own list only.
 */
export const WORK_ROUTES = [
  {
    method: 'GET', path: '/work-counts', handler: 'records/work-counts', access: 'read', auth: 'signed-in', permission: 'records.review',
    operationId: 'getWorkCounts', summary: "How much waits in the desk's work lists of a region: awaiting review by kind, suspected duplicates, pending suggestions, open problems by light", tag: 'records',
    query: workCountsQuerySchema,
    responses: { 200: { description: 'The counts of the region (the caller\'s own by default), and of each child region for the ledgers', schema: workCountsSchema } },
  },
] as const satisfies readonly RouteSpec[];
