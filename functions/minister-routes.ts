import { listOf } from '#schemas/common.ts';
import { ministerSchema } from '#schemas/minister.ts';
import { ministerIdParamsSchema, ministerInputSchema, ministerListQuerySchema } from '#schemas/minister-input.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The ministers (组织部长); their scorecards are in scorecard-routes.ts.
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only. route-table.ts joins them all.
 */
export const MINISTER_ROUTES = [
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
] as const satisfies readonly RouteSpec[];
