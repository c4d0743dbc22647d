import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MINISTER_ROUTES } from '#functions/minister-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MinisterDeps } from '#functions/use-cases/deps.ts';
import { getMinister } from '#functions/use-cases/ministers/read-ministers.ts';

export const handlerWith = (deps: () => MinisterDeps) => httpHandler(routeIn(MINISTER_ROUTES, 'GET /ministers/{id}'), async ({ params, actor }) => {
  const minister = await getMinister(deps(), params.id, actor.caller);
  return { status: 200, body: minister, version: minister.version };
});

export const handler = handlerWith(ministerDeps);
