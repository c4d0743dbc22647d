import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MINISTER_ROUTES } from '#functions/minister-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MinisterDeps } from '#functions/use-cases/deps.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';

export const handlerWith = (deps: () => MinisterDeps) => httpHandler(routeIn(MINISTER_ROUTES, 'PUT /ministers/{id}'), async ({ params, body, expectedVersion, actor }) => {
  const { minister, created } = await putMinister(deps(), params.id, body, expectedVersion, actor);
  return { status: created ? 201 : 200, body: minister, version: minister.version };
});

export const handler = handlerWith(ministerDeps);
