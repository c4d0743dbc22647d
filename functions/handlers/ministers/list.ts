import { ministerDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { fixedRoute } from '#functions/fixed-routes.ts';
import type { MinisterDeps } from '#functions/use-cases/deps.ts';
import { listMinisters } from '#functions/use-cases/ministers/read-ministers.ts';

export const handlerWith = (deps: () => MinisterDeps) =>
  httpHandler(fixedRoute('GET /ministers'), async ({ query, actor }) => ({ status: 200, body: await listMinisters(deps(), query, actor.caller) }));

export const handler = handlerWith(ministerDeps);
