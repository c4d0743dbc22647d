import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { getMinister } from '#functions/use-cases/ministers/read-ministers.ts';

export const handler = httpHandler('GET /ministers/{id}', async ({ params, actor }) => {
  const minister = await getMinister(ministerDeps, params.id, actor.caller);
  return { status: 200, body: minister, version: minister.version };
});
