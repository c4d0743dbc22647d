import { recordDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { SCORECARD_ROUTES } from '#functions/scorecard-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { regionScorecards } from '#functions/use-cases/reporting/scorecard.ts';

export const handlerWith = (deps: () => RecordDeps) => httpHandler(routeIn(SCORECARD_ROUTES, 'GET /scorecards'), async ({ query, actor }) => ({
  status: 200,
  body: await regionScorecards(deps(), query.region, query.year, query.date, actor.caller),
}));

export const handler = handlerWith(recordDeps);
