import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

/** 201 for a new record; 200 with the stored record for a retry of the same body. */
export const handler = recordHandler('create', async (entry, { body, actor }) => {
  const { record, created } = await createRecord(recordDeps, entry, body as never, actor);
  return recordResult(created ? 201 : 200, present(recordDeps, entry, record), { Location: `/${entry.form.path}/${record.id}` });
});
