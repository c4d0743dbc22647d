import { recordDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ACCEPTANCE_ROUTES } from '#functions/acceptance-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { decideAcceptance } from '#functions/use-cases/problems/decide-acceptance.ts';
import { present } from '#functions/use-cases/records/read-records.ts';
import { problemKind } from '#schemas/kinds/problem.ts';

/** Answers with the problem as `GET /problems/{id}` shows it: its ETag is what the next change needs. */
export const handlerWith = (deps: () => RecordDeps) => httpHandler(routeIn(ACCEPTANCE_ROUTES, 'POST /problems/{id}/acceptance'), async ({ params, body, expectedVersion, actor }) => {
  const problem = await decideAcceptance(deps(), { id: params.id, decision: body, expectedVersion, actor });
  return { status: 200, body: await present(deps(), problemKind, problem), version: problem.version };
});

export const handler = handlerWith(recordDeps);
