import { ministerIdParamsSchema } from '#schemas/minister-input.ts';
import { scorecardListQuerySchema, scorecardListSchema, scorecardQuerySchema, scorecardSchema } from '#schemas/scorecard.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The scorecard routes (述职, 总结讲评), a list of their own so that the functions of the other routes carry none of the targets' table the scorecard's schema is built from; route-table.ts
 * joins them into ROUTES.
 */
export const SCORECARD_ROUTES = [
  {
    method: 'GET', path: '/ministers/{id}/scorecard', handler: 'ministers/scorecard', access: 'read', auth: 'signed-in', permission: 'scorecards.read',
    operationId: 'getMinisterScorecard', summary: "One head's figures against the six targets for a year, as of a day (述职, 总结讲评)", tag: 'reporting',
    params: ministerIdParamsSchema, query: scorecardQuerySchema,
    responses: { 200: { description: 'The scorecard', schema: scorecardSchema } },
  },
  {
    method: 'GET', path: '/scorecards', handler: 'reporting/scorecards', access: 'read', auth: 'signed-in', permission: 'figures.read',
    operationId: 'listScorecards', summary: "Every head of a region side by side for a year, as of a day (总结讲评)", tag: 'reporting',
    query: scorecardListQuerySchema,
    responses: { 200: { description: "The region's heads, each with their scorecard", schema: scorecardListSchema } },
  },
] as const satisfies readonly RouteSpec[];
