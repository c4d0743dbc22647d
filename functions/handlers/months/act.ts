import { monthDeps } from '#functions/month-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MONTH_ROUTES } from '#functions/month-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MonthDeps } from '#functions/use-cases/deps.ts';
import { actOnMonth } from '#functions/use-cases/months/act-on-month.ts';
import { signedIn } from '#functions/http/authorize.ts';

export const handlerWith = (deps: () => MonthDeps) => httpHandler(routeIn(MONTH_ROUTES, 'POST /months/{month}/{regionCode}/{action}'), async ({ params, body, expectedVersion, actor }) => {
  const month = await actOnMonth(deps(), { region: params.regionCode, month: params.month, action: params.action, body, expectedVersion, actor: { ...actor, caller: signedIn(actor) } });
  return { status: 200, body: month, version: month.version };
});

export const handler = handlerWith(monthDeps);
