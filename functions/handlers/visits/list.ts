import { visitDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { listVisits } from '#functions/use-cases/visits/read-visits.ts';

export const handler = httpHandler('GET /visits', async ({ query }) => ({ status: 200, body: await listVisits(visitDeps, query) }));
