import { branchDeps } from '#functions/rollup-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { BRANCH_ROUTES } from '#functions/branch-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { BranchDeps } from '#functions/use-cases/deps.ts';
import { importBranches } from '#functions/use-cases/branches/import-branches.ts';

/** 200 with what became of every row (a dry run says the same and writes nothing). */
export const handlerWith = (deps: () => BranchDeps) =>
  httpHandler(routeIn(BRANCH_ROUTES, 'POST /branches/import'), async ({ body, actor, lang }) => ({ status: 200, body: await importBranches(deps(), body, actor, lang) }));

export const handler = handlerWith(branchDeps);
