import { recordDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ministerScorecard } from '#functions/use-cases/reporting/scorecard.ts';

export const handler = httpHandler('GET /ministers/{id}/scorecard', async ({ params, query, actor }) => ({
  status: 200,
  body: await ministerScorecard(recordDeps, params.id, query.year, query.date, actor.caller),
}));
