import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { fixedRoute } from '#functions/fixed-routes.ts';
import type { MinisterDeps } from '#functions/use-cases/deps.ts';
import { getMinister } from '#functions/use-cases/ministers/read-ministers.ts';

export const handlerWith = (deps: () => MinisterDeps) => httpHandler(fixedRoute('GET /ministers/{id}'), async ({ params, actor }) => {
  const minister = await getMinister(deps(), params.id, actor.caller);
  return { status: 200, body: minister, version: minister.version };
});

export const handler = handlerWith(ministerDeps);
