import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { withdrawRecord } from '#functions/use-cases/records/correct-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

/** Withdrawal keeps the record readable, so the answer is the withdrawn record (200), not 204. */
export const handlerWith = (deps: () => RecordDeps) => recordHandler('withdraw', async (kind, { params, expectedVersion, actor }) => {
  const record = await withdrawRecord(deps(), kind, { id: params.id, expectedVersion, actor });
  return recordResult(200, await present(deps(), kind, record));
});

export const handler = handlerWith(recordDeps);
