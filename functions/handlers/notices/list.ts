import { noticeDeps } from '#functions/notice-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { NOTICE_ROUTES } from '#functions/notice-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { NoticeDeps } from '#functions/use-cases/deps.ts';
import { listNotices } from '#functions/use-cases/notices/read-notices.ts';

/** Notices change as they arrive and are read: never kept by a cache. */
export const handlerWith = (deps: () => NoticeDeps) => httpHandler(routeIn(NOTICE_ROUTES, 'GET /notices'), async ({ query, actor }) =>
  ({ status: 200, body: await listNotices(deps(), actor, query), headers: { 'Cache-Control': 'private, no-store' } }));

export const handler = handlerWith(noticeDeps);
