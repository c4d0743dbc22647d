import { branchDeps } from '#functions/rollup-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { BRANCH_ROUTES } from '#functions/branch-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { BranchDeps } from '#functions/use-cases/deps.ts';
import { putBranch } from '#functions/use-cases/branches/put-branch.ts';

export const handlerWith = (deps: () => BranchDeps) => httpHandler(routeIn(BRANCH_ROUTES, 'PUT /branches/{id}'), async ({ params, body, expectedVersion, actor }) => {
  const { entry, created } = await putBranch(deps(), params.id, body, expectedVersion, actor);
  return { status: created ? 201 : 200, body: entry, version: entry.version };
});

export const handler = handlerWith(branchDeps);
