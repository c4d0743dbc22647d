import { summaryHistoryQuerySchema, summaryHistorySchema, summaryQuerySchema, summarySchema } from '#schemas/summary.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The figures: a region's snapshot and its history (the scorecards are in scorecard-routes.ts).
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only. route-table.ts joins them all.
 */
export const REPORTING_ROUTES = [
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
] as const satisfies readonly RouteSpec[];
