import { acceptanceDecisionSchema } from '#schemas/acceptance.ts';
import { recordIdParamsSchema } from '#schemas/form.ts';
import { problemForm } from '#schemas/kinds/problem.ts';
import type { RouteSpec } from './routes.ts';

/**
 * 验收销号 of a rectified problem by the level above its county. A list of its own, as every list
 * written out: building one runs schema code, so a function carries its own list's schemas only.
 */
export const ACCEPTANCE_ROUTES = [
  {
    method: 'POST', path: '/problems/{id}/acceptance', handler: 'problems/acceptance', access: 'write', auth: 'signed-in', permission: 'records.review',
    operationId: 'decideProblemAcceptance', tag: 'problems',
    summary: 'Accept a rectified problem (销号) or return it to rectifying with a reason: the staff of the region above its county (If-Match: its ETag)',
    params: recordIdParamsSchema, body: acceptanceDecisionSchema(), ifMatch: 'required',
    responses: { 200: { description: 'The problem, decided', schema: problemForm.schemas.record } },
  },
] as const satisfies readonly RouteSpec[];
