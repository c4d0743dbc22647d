import { branchDeps } from '#functions/rollup-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { BRANCH_ROUTES } from '#functions/branch-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { BranchDeps } from '#functions/use-cases/deps.ts';
import { getBranch } from '#functions/use-cases/branches/read-branches.ts';

export const handlerWith = (deps: () => BranchDeps) => httpHandler(routeIn(BRANCH_ROUTES, 'GET /branches/{id}'), async ({ params, actor }) => {
  const entry = await getBranch(deps(), params.id, actor.caller);
  return { status: 200, body: entry, version: entry.version };
});

export const handler = handlerWith(branchDeps);
