import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import { getRecord } from '#functions/use-cases/records/read-records.ts';

export const handler = recordHandler('get', async (entry, { params, actor }) => recordResult(200, await getRecord(recordDeps, entry, params.id, actor.caller)));
