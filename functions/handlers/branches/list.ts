import { branchDeps } from '#functions/rollup-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { BRANCH_ROUTES } from '#functions/branch-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { BranchDeps } from '#functions/use-cases/deps.ts';
import { listBranches } from '#functions/use-cases/branches/read-branches.ts';

export const handlerWith = (deps: () => BranchDeps) =>
  httpHandler(routeIn(BRANCH_ROUTES, 'GET /branches'), async ({ query, actor }) => ({ status: 200, body: await listBranches(deps(), query, actor.caller) }));

export const handler = handlerWith(branchDeps);
