import { noticeDeps } from '#functions/notice-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { NOTICE_ROUTES } from '#functions/notice-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { NoticeDeps } from '#functions/use-cases/deps.ts';
import { putNoticeRules } from '#functions/use-cases/notices/notice-rules.ts';

export const handlerWith = (deps: () => NoticeDeps) => httpHandler(routeIn(NOTICE_ROUTES, 'PUT /notice-rules'), async ({ body }) =>
  ({ status: 200, body: await putNoticeRules(deps(), body) }));

export const handler = handlerWith(noticeDeps);
