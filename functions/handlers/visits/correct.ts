import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { correctVisit } from '#functions/use-cases/visits/correct-visit.ts';

export const handler = httpHandler('PATCH /visits/{id}', async ({ params, body, expectedVersion, actor }) => {
  const visit = await correctVisit(visitDeps, params.id, body, expectedVersion, actor);
  return { status: 200, body: visit, version: visit.version };
});
