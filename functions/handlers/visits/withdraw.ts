import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { withdrawVisit } from '#functions/use-cases/visits/withdraw-visit.ts';

/** Withdrawal keeps the record readable, so the answer is the withdrawn visit (200), not 204. */
export const handler = httpHandler('DELETE /visits/{id}', async ({ params, expectedVersion, actor }) => {
  const visit = await withdrawVisit(visitDeps, params.id, expectedVersion, actor);
  return { status: 200, body: visit, version: visit.version };
});
