import { listOf } from '#schemas/common.ts';
import {
  branchEntryInputSchema, branchEntrySchema, branchIdParamsSchema, branchImportResultSchema, branchImportSchema, branchListQuerySchema,
} from '#schemas/branch.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The branch registry (支部名册).
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only. route-table.ts joins them all.
 */
export const BRANCH_ROUTES = [
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
] as const satisfies readonly RouteSpec[];
