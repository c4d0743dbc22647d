import { monthDeps } from '#functions/month-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MONTH_ROUTES } from '#functions/month-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MonthDeps } from '#functions/use-cases/deps.ts';
import { readRegionMonth } from '#functions/use-cases/months/read-month.ts';
import { signedIn } from '#functions/http/authorize.ts';

export const handlerWith = (deps: () => MonthDeps) => httpHandler(routeIn(MONTH_ROUTES, 'GET /months/{month}/{regionCode}'), async ({ params, actor }) => {
  const month = await readRegionMonth(deps(), params.regionCode, params.month, signedIn(actor));
  return { status: 200, body: month, version: month.version };
});

export const handler = handlerWith(monthDeps);
