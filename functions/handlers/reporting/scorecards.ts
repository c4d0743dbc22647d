import { scorecardDeps } from '#functions/scorecard-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { SCORECARD_ROUTES } from '#functions/scorecard-routes.ts';
import { routeIn } from '#functions/routes.ts';
import { regionScorecards, type ScorecardDeps } from '#functions/use-cases/reporting/scorecard.ts';

export const handlerWith = (deps: () => ScorecardDeps) => httpHandler(routeIn(SCORECARD_ROUTES, 'GET /scorecards'), async ({ query, actor }) => ({
  status: 200,
  body: await regionScorecards(deps(), query.region, query.year, query.date, actor.caller),
}));

export const handler = handlerWith(scorecardDeps);
