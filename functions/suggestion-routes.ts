import { listOf } from '#schemas/common.ts';
import { visitForm } from '#schemas/kinds/visit.ts';
import { suggestionItemSchema, suggestionListQuerySchema, suggestionPatchSchema } from '#schemas/suggestions.ts';
import { recordIdParamsSchema } from '#schemas/form.ts';
import type { RouteSpec } from './routes.ts';

/**
 * The suggestions ledger (意见建议台账): the suggestions of visits, and moving one on.
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only. route-table.ts joins them all.
 */
export const SUGGESTION_ROUTES = [
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
    responses: { 200: { description: 'The visit holding the suggestion', schema: visitForm.schemas.record } },
  },
] as const satisfies readonly RouteSpec[];
