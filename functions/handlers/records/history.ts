import { recordDeps } from '#functions/composition.ts';
import { recordHandler } from '#functions/http/record-handler.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { recordHistory } from '#functions/use-cases/records/read-records.ts';

/** A record's trail is short (one entry per change), so it comes whole: nextCursor is always null. */
export const handlerWith = (deps: () => RecordDeps) => recordHandler('history', async (kind, { params, actor }) => ({
  status: 200,
  body: { items: await recordHistory(deps(), kind, params.id, actor.caller), nextCursor: null },
}));

export const handler = handlerWith(recordDeps);
