import { noticeDeps } from '#functions/notice-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { NOTICE_ROUTES } from '#functions/notice-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { NoticeDeps } from '#functions/use-cases/deps.ts';
import { readNoticeRules } from '#functions/use-cases/notices/notice-rules.ts';

export const handlerWith = (deps: () => NoticeDeps) => httpHandler(routeIn(NOTICE_ROUTES, 'GET /notice-rules'), async () =>
  ({ status: 200, body: await readNoticeRules(deps()) }));

export const handler = handlerWith(noticeDeps);
