import { noticeDeps } from '#functions/notice-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { NOTICE_ROUTES } from '#functions/notice-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { NoticeDeps } from '#functions/use-cases/deps.ts';
import { countUnread } from '#functions/use-cases/notices/read-notices.ts';

export const handlerWith = (deps: () => NoticeDeps) => httpHandler(routeIn(NOTICE_ROUTES, 'GET /notices/unread'), async ({ actor }) =>
  ({ status: 200, body: await countUnread(deps(), actor), headers: { 'Cache-Control': 'private, no-store' } }));

export const handler = handlerWith(noticeDeps);
