import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import { correctRecord } from '#functions/use-cases/records/correct-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

export const handler = recordHandler('correct', async (entry, { params, body, expectedVersion, actor }) => {
  const record = await correctRecord(recordDeps, entry, { id: params.id, patch: body as Record<string, unknown>, expectedVersion: expectedVersion!, actor });
  return recordResult(200, present(recordDeps, entry, record));
});
