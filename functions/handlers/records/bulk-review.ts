import { recordDeps } from '#functions/composition.ts';
import { bulkReviewRoute } from '#functions/bulk-review-routes.ts';
import { kindsHandler } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { approveMany } from '#functions/use-cases/records/approve-many.ts';

export const handlerWith = (deps: () => RecordDeps) => kindsHandler(bulkReviewRoute, async (kind, { body, actor }) => {
  const results = await approveMany(deps(), kind, { items: body.items, actor });
  return { status: 200, body: { results } };
});

export const handler = handlerWith(recordDeps);
