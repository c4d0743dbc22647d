import { bulletinParamsSchema, bulletinSchema } from '#schemas/bulletin.ts';
import type { RouteSpec } from './routes.ts';

/** The monthly 通报 (a region's children ranked), a list of its own: its function carries only these schemas. */
export const BULLETIN_ROUTES = [
  {
    method: 'GET', path: '/bulletins/{month}/{regionCode}', handler: 'reporting/bulletin', access: 'read', auth: 'signed-in', permission: 'bulletins.read',
    operationId: 'getBulletin', summary: "A region's children ranked for a month (通报), provisional until the month is confirmed", tag: 'reporting',
    params: bulletinParamsSchema,
    responses: { 200: { description: 'The ranked children, with the overall formula', schema: bulletinSchema } },
  },
] as const satisfies readonly RouteSpec[];
