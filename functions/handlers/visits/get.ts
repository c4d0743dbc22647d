import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { getVisit } from '#functions/use-cases/visits/read-visits.ts';

export const handler = httpHandler('GET /visits/{id}', async ({ params }) => {
  const visit = await getVisit(visitDeps, params.id);
  return { status: 200, body: visit, version: visit.version };
});
