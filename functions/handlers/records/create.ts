import { recordDeps } from '#functions/composition.ts';
import { recordHandler, recordResult } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { present } from '#functions/use-cases/records/read-records.ts';

/**
 * 201 for a new record; 200 with the stored record for a retry of the same body; 204 for a retry of
 * a record the caller may no longer see (stored, but nothing of it shown).
 */
export const handlerWith = (deps: () => RecordDeps) => recordHandler('create', async (kind, { body, actor }) => {
  const outcome = await createRecord(deps(), kind, body, actor);
  if (!outcome.record) return { status: 204 };
  const { record } = outcome;
  return recordResult(outcome.created ? 201 : 200, await present(deps(), kind, record), { Location: `/${kind.form.path}/${record.id}` });
});

export const handler = handlerWith(recordDeps);
