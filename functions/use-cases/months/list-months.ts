import type { MonthListQuery, MonthSummary } from '#schemas/months.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import type { Page } from '#functions/ports/records.ts';
import type { MonthDeps } from '../deps.ts';

/**
 * The months of a region something was done to (`state=confirmed`: what a reporting client may take
 * as final), oldest first; without a region, the caller's own. A month never acted on is open and
 * not listed.
 */
export async function listMonths(deps: Pick<MonthDeps, 'months'>, query: MonthListQuery, caller: Caller): Promise<Page<MonthSummary>> {
  const region = regionInReach(caller, query.region);
  const page = await deps.months.list(region, { from: query.from, to: query.to, state: query.state, limit: query.limit, cursor: query.cursor });
  return { items: page.items.map(({ month, region: r, state, version, updatedAt }) => ({ month, region: r, state, version, updatedAt })), nextCursor: page.nextCursor };
}
