import { monthDeps } from '#functions/month-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MONTH_ROUTES } from '#functions/month-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MonthDeps } from '#functions/use-cases/deps.ts';
import { listMonths } from '#functions/use-cases/months/list-months.ts';
import { signedIn } from '#functions/http/authorize.ts';

export const handlerWith = (deps: () => MonthDeps) => httpHandler(routeIn(MONTH_ROUTES, 'GET /months'), async ({ query, actor }) =>
  ({ status: 200, body: await listMonths(deps(), query, signedIn(actor)) }));

export const handler = handlerWith(monthDeps);
