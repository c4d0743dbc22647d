import { healthSchema, meSchema, regionTreeSchema } from '#schemas/reference.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The reference routes: liveness, this API as OpenAPI, the region tree and the summary's JSON Schema.
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only. route-table.ts joins them all.
 */
export const REFERENCE_ROUTES = [
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
    method: 'GET', path: '/me', handler: 'reference/me', access: 'none', auth: 'signed-in', permission: 'reference.read',
    operationId: 'getMe', summary: 'Who the caller is here: role, region and head, as the API decides on them', tag: 'reference',
    responses: { 200: { description: 'The caller', schema: meSchema } },
  },
  {
    method: 'GET', path: '/schemas/summary.json', handler: 'reference/summary-schema', access: 'none', auth: 'public',
    operationId: 'getSummarySchema', summary: 'JSON Schema (2020-12) of GET /summary, for reporting clients to validate against', tag: 'reporting',
    responses: { 200: { description: 'JSON Schema' } },
  },
] as const satisfies readonly RouteSpec[];
