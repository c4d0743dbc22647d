import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';

export const handler = httpHandler('PUT /ministers/{id}', async ({ params, body, expectedVersion, actor }) => {
  const { minister, created } = await putMinister(ministerDeps, params.id, body, expectedVersion, actor);
  return { status: created ? 201 : 200, body: minister, version: minister.version };
});
