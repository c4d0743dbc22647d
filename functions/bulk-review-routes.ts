import { BULK_REVIEW_LIMIT, bulkReviewResultSchema, bulkReviewSchema } from '#schemas/bulk-review.ts';
import type { Form } from '#schemas/form.ts';
import type { RouteSpec } from './routes.ts';

/**
 * 批量通过 of one kind: `POST /{kind}/review`. A list of its own, served by a function of its own, so
 * the single-record functions (records/*) build none of its schemas.
 */
export function bulkReviewRoute(form: Form) {
  const { name, label } = form;
  return {
    method: 'POST', path: `/${form.path}/review`, handler: 'records/bulk-review', access: 'write', auth: 'signed-in', permission: 'records.review',
    operationId: `approve${name}s`, tag: form.path,
    summary: `Approve up to ${BULK_REVIEW_LIMIT} ${label.en.toLowerCase()}s at once (批量通过), each as its own review with If-Match: its version`,
    body: bulkReviewSchema,
    responses: { 200: { description: 'What became of each item, in the order sent: 200 approved (its new version), or 404, 409, 412 as the single review would answer', schema: bulkReviewResultSchema } },
  } as const satisfies RouteSpec;
}
