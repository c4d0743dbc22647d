import { recordDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { SCORECARD_ROUTES } from '#functions/scorecard-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { ministerScorecard } from '#functions/use-cases/reporting/scorecard.ts';

export const handlerWith = (deps: () => RecordDeps) => httpHandler(routeIn(SCORECARD_ROUTES, 'GET /ministers/{id}/scorecard'), async ({ params, query, actor }) => ({
  status: 200,
  body: await ministerScorecard(deps(), params.id, query.year, query.date, actor.caller),
}));

export const handler = handlerWith(recordDeps);
