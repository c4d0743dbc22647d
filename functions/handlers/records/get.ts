import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { getRecord } from '#functions/use-cases/records/read-records.ts';

export const handlerWith = (deps: () => RecordDeps) =>
  recordHandler('get', async (kind, { params, actor }) => recordResult(200, await getRecord(deps(), kind, params.id, actor.caller)));

export const handler = handlerWith(recordDeps);
