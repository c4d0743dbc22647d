import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { correctRecord } from '#functions/use-cases/records/correct-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

export const handlerWith = (deps: () => RecordDeps) => recordHandler('correct', async (kind, { params, body, expectedVersion, actor }) => {
  const record = await correctRecord(deps(), kind, { id: params.id, patch: body, expectedVersion, actor });
  return recordResult(200, await present(deps(), kind, record));
});

export const handler = handlerWith(recordDeps);
