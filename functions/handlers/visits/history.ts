import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { visitHistory } from '#functions/use-cases/visits/read-visits.ts';

/** A record's trail is short (one entry per change), so it comes whole: nextCursor is always null. */
export const handler = httpHandler('GET /visits/{id}/history', async ({ params }) => ({
  status: 200,
  body: { items: await visitHistory(visitDeps, params.id), nextCursor: null },
}));
