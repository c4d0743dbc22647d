import { noticeDeps } from '#functions/notice-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { NOTICE_ROUTES } from '#functions/notice-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { NoticeDeps } from '#functions/use-cases/deps.ts';
import { markNoticesRead } from '#functions/use-cases/notices/read-notices.ts';

export const handlerWith = (deps: () => NoticeDeps) => httpHandler(routeIn(NOTICE_ROUTES, 'POST /notices/read'), async ({ body, actor }) => {
  await markNoticesRead(deps(), actor, body.ids);
  return { status: 204 };
});

export const handler = handlerWith(noticeDeps);
