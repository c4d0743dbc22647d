import { listDeps } from '#functions/composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { routeIn } from '#functions/routes.ts';
import { WORK_ROUTES } from '#functions/work-routes.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import type { ListDeps } from '#functions/use-cases/deps.ts';
import { countWork } from '#functions/use-cases/records/count-work.ts';

/** Counts change with every write: never kept by a cache. */
export const handlerWith = (deps: () => ListDeps) => httpHandler(routeIn(WORK_ROUTES, 'GET /work-counts'), async ({ query, actor }) => {
  const region = actor.caller ? regionInReach(actor.caller, query.region) : (query.region ?? PROVINCE_CODE);
  return { status: 200, body: await countWork(deps(), region), headers: { 'Cache-Control': 'private, no-store' } };
});

export const handler = handlerWith(listDeps);
