import { listDeps } from '#functions/composition.ts';
import { recordHandler } from '#functions/http/record-handler.ts';
import type { ListDeps } from '#functions/use-cases/deps.ts';
import { listRecords } from '#functions/use-cases/records/read-records.ts';

export const handlerWith = (deps: () => ListDeps) => recordHandler('list', async (kind, { query, actor }) => ({
  status: 200,
  body: await listRecords(deps(), kind, query, actor.caller),
}));

export const handler = handlerWith(listDeps);
