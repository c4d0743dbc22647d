import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import { withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

/** Withdrawal keeps the record readable, so the answer is the withdrawn record (200), not 204. */
export const handler = recordHandler('withdraw', async (entry, { params, expectedVersion, actor }) => {
  const record = await withdrawRecord(recordDeps, entry, { id: params.id, expectedVersion: expectedVersion!, actor });
  return recordResult(200, present(recordDeps, entry, record));
});
