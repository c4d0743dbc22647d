import type { BranchEntry, BranchListQuery } from '#schemas/branch.ts';
import { NotFoundError } from '#schemas/errors.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';
import type { Page } from '#functions/ports/records.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach, withinReach } from '#functions/auth/policy.ts';
import { branchKey } from '#functions/rollup/figures.ts';
import type { BranchDeps } from '../deps.ts';

/** A branch, if it exists and lies within the caller's region (404 either way otherwise). */
export async function getBranch(deps: Pick<BranchDeps, 'branches'>, id: string, caller?: Caller): Promise<BranchEntry> {
  const entry = await deps.branches.get(id);
  if (!entry || (caller && !withinReach(caller, entry.countyCode))) throw new NotFoundError();
  return entry;
}

/** Pages read for one answer when `visited` drops branches (as a record list bounds its reads). */
const MAX_PAGES = 10;

/**
 * The branches of a region (GET /branches): the caller's region unless a county or prefecture
 * within it is asked for (403 outside it), in name order, by type, status and a search of names.
 * `visited` keeps the active branches with (true) or without (false) a counted visit as of the
 * region's newest snapshot, the one the dashboard shows (the day under way's, provisional, once a
 * refresh has run): the never-visited list of a region.
 */
export async function listBranches(deps: BranchDeps, query: BranchListQuery, caller?: Caller): Promise<Page<BranchEntry>> {
  const asked = query.county ?? query.prefecture;
  const region = caller ? regionInReach(caller, asked) : (asked ?? PROVINCE_CODE);
  const { visited, limit } = query;
  const search = { region, type: query.type, q: query.q, status: visited === undefined ? query.status : 'active', limit };
  if (visited === undefined) return deps.branches.list({ ...search, cursor: query.cursor });
  const state = (await deps.rollups.newestState(region))?.state;
  const isVisited = (entry: BranchEntry) => (state?.branches[branchKey(entry)] ?? 0) > 0;
  const items: BranchEntry[] = [];
  let cursor = query.cursor;
  for (let read = 0; read < MAX_PAGES; read++) {
    const page = await deps.branches.list({ ...search, limit: limit - items.length, cursor });
    items.push(...page.items.filter((entry) => isVisited(entry) === visited));
    cursor = page.nextCursor ?? undefined;
    if (!cursor || items.length >= limit) break;
  }
  return { items, nextCursor: cursor ?? null };
}
