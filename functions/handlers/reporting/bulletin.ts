import { bulletinDeps } from '#functions/bulletin-composition.ts';
import { BULLETIN_ROUTES } from '#functions/bulletin-routes.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { routeIn } from '#functions/routes.ts';
import { type BulletinDeps, readBulletin } from '#functions/use-cases/reporting/bulletin.ts';

/** A provisional 通报 changes with each night and each step of the month: revalidate. */
export const handlerWith = (deps: () => BulletinDeps) => httpHandler(routeIn(BULLETIN_ROUTES, 'GET /bulletins/{month}/{regionCode}'), async ({ params, actor }) => ({
  status: 200,
  body: await readBulletin(deps(), params.month, params.regionCode, actor.caller),
  headers: { 'Cache-Control': 'private, no-cache' },
}));

export const handler = handlerWith(bulletinDeps);
