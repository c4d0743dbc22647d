import type { RecordListQuery } from '#schemas/form.ts';
import { recordDeps } from '#functions/composition.ts';
import { recordHandler } from '#functions/http/record-handler.ts';
import { listRecords } from '#functions/use-cases/records/read-records.ts';

export const handler = recordHandler('list', async (entry, { query, actor }) => ({
  status: 200,
  body: await listRecords(recordDeps, entry, query as RecordListQuery, actor.caller),
}));
