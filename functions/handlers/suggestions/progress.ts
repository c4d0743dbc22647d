import { recordDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { SUGGESTION_ROUTES } from '#functions/suggestion-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { progressSuggestion } from '#functions/use-cases/visits/progress-suggestion.ts';
import { present } from '#functions/use-cases/records/read-records.ts';
import { visitKind } from '#schemas/kinds/visit.ts';

/** Answers with the whole visit, as `GET /visits/{id}` shows it: its ETag is what the next change needs. */
export const handlerWith = (deps: () => RecordDeps) => httpHandler(routeIn(SUGGESTION_ROUTES, 'PATCH /suggestions/{id}'), async ({ params, body, expectedVersion, actor }) => {
  const visit = await progressSuggestion(deps(), params.id, body, expectedVersion, actor);
  return { status: 200, body: await present(deps(), visitKind, visit), version: visit.version };
});

export const handler = handlerWith(recordDeps);
