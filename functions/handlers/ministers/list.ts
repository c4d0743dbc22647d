import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MINISTER_ROUTES } from '#functions/minister-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MinisterDeps } from '#functions/use-cases/deps.ts';
import { listMinisters } from '#functions/use-cases/ministers/read-ministers.ts';

export const handlerWith = (deps: () => MinisterDeps) =>
  httpHandler(routeIn(MINISTER_ROUTES, 'GET /ministers'), async ({ query, actor }) => ({ status: 200, body: await listMinisters(deps(), query, actor.caller) }));

export const handler = handlerWith(ministerDeps);
