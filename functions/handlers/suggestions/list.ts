import { listDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { SUGGESTION_ROUTES } from '#functions/suggestion-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { ListDeps } from '#functions/use-cases/deps.ts';
import { listSuggestions } from '#functions/use-cases/visits/list-suggestions.ts';

export const handlerWith = (deps: () => ListDeps) =>
  httpHandler(routeIn(SUGGESTION_ROUTES, 'GET /suggestions'), async ({ query, actor }) => ({ status: 200, body: await listSuggestions(deps(), query, actor.caller) }));

export const handler = handlerWith(listDeps);
