import type { ReviewPatch } from '#schemas/form.ts';
import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import { reviewRecord } from '#functions/use-cases/records/correct-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

export const handler = recordHandler('review', async (entry, { params, body, expectedVersion, actor }) => {
  const record = await reviewRecord(recordDeps, entry, { id: params.id, review: body as ReviewPatch, expectedVersion: expectedVersion!, actor });
  return recordResult(200, present(recordDeps, entry, record));
});
