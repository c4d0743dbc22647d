import { monthDeps } from '#functions/month-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { MONTH_ROUTES } from '#functions/month-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { MonthDeps } from '#functions/use-cases/deps.ts';
import { readRegionMonth } from '#functions/use-cases/months/read-month.ts';
import { signedIn } from '#functions/http/authorize.ts';

export const handlerWith = (deps: () => MonthDeps) => httpHandler(routeIn(MONTH_ROUTES, 'GET /months/{month}/{regionCode}'), async ({ params, actor }) => {
  const month = await readRegionMonth(deps(), params.regionCode, params.month, signedIn(actor));
  // The version is the month's own (what If-Match names for its steps), but the answer also holds its
  // children's states and its counts, which move without it: never a 304 on it, always the whole answer.
  return { status: 200, body: month, headers: { ETag: `"${month.version}"`, 'Cache-Control': 'private, no-store' } };
});

export const handler = handlerWith(monthDeps);
