import { recordDeps } from '#functions/composition.ts';
import { recordHandler } from '#functions/http/record-handler.ts';
import { recordHistory } from '#functions/use-cases/records/read-records.ts';

/** A record's trail is short (one entry per change), so it comes whole: nextCursor is always null. */
export const handler = recordHandler('history', async (entry, { params, actor }) => ({
  status: 200,
  body: { items: await recordHistory(recordDeps, entry, params.id, actor.caller), nextCursor: null },
}));
