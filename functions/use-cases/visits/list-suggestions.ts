import type { Condition } from '#schemas/kind.ts';
import { PROVINCE_CODE, regionContains } from '#schemas/regions.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import type { SuggestionItem, SuggestionListQuery } from '#schemas/suggestions.ts';
import type { Page } from '#functions/ports/records.ts';
import type { Caller } from '#functions/auth/caller.ts';
import type { ListDeps } from '../deps.ts';
import { scoped, withHeadNames } from '../records/read-records.ts';

/**
 * The suggestions ledger (意见建议台账): the suggestions of the visits the caller may see.
 * 1. Read the visits as a visit list would (the caller's region, a head's own; `county`, `prefecture`,
 *    `ministerId`, `from`, `to` narrow it), leaving out withdrawn visits; pending suggestions of a
 *    region (no head asked) from the work list of visits with pending suggestions, which holds no other
 *    and says in each key how many wait: a page reads the visits whose suggestions fill it, no more.
 * 2. Take their suggestions in the visits' order, those of `status` if given, each with its visit.
 * 3. A page holds whole visits' suggestions, up to `limit` of them (a single visit with more fills a
 *    page alone); the cursor says which page of visits to read next and how many of it were used.
 * 4. Each visit with its head's name, as a visit's own answer has it.
 */
export async function listSuggestions(deps: Pick<ListDeps, 'lists' | 'ministers' | 'resumes'>, query: SuggestionListQuery, caller?: Caller): Promise<Page<SuggestionItem>> {
  const page = await suggestionsPage(deps, query, caller);
  const visits = await withHeadNames(deps, page.items.map((item) => item.visit));
  return { ...page, items: page.items.map((item, i) => ({ ...item, visit: visits[i] })) };
}

async function suggestionsPage(deps: Pick<ListDeps, 'lists' | 'resumes'>, query: SuggestionListQuery, caller?: Caller): Promise<Page<SuggestionItem>> {
  const { status, limit, cursor, ...visits } = query;
  const scope = scoped({ ...visits, limit }, caller);
  if (scope.query.limit === 0) return { items: [], nextCursor: null };
  const conditions: Condition[] = [...scope.conditions, { not: { field: 'status', eq: 'withdrawn' } }];
  const items: SuggestionItem[] = [];
  const { county, prefecture, from, to } = scope.query;
  const fromWorkList = status === 'pending' && scope.conditions.length === 0 && !scope.query.ministerId;
  if (fromWorkList && county && prefecture && !regionContains(prefecture, county)) return { items: [], nextCursor: null };
  const inDates = from === undefined && to === undefined
    ? undefined
    : (entry: { order: string }) => (from === undefined || entry.order >= from) && (to === undefined || entry.order <= to);
  const visitsPage = (page?: string) => (fromWorkList
    ? deps.lists.page('suggestions', visitKind, county ?? prefecture ?? PROVINCE_CODE, { limit, cursor: page, keep: inDates, weighed: true })
    : deps.lists.list(visitKind, { ...scope.query, limit, cursor: page }, conditions));
  let resume = deps.resumes.decode(cursor) ?? { skip: 0 };
  for (;;) {
    const page = await visitsPage(resume.page);
    for (const [i, visit] of page.items.entries()) {
      if (i < resume.skip) continue;
      const found = visit.suggestions.filter((s) => status === undefined || s.status === status);
      if (items.length > 0 && items.length + found.length > limit) return { items, nextCursor: deps.resumes.encode({ page: resume.page, skip: i }) };
      const { id, version, date, ministerId, branch } = visit;
      items.push(...found.map((s) => ({ ...s, visit: { id, version, date, ministerId, branch } })));
    }
    if (!page.nextCursor) return { items, nextCursor: null };
    resume = { page: page.nextCursor, skip: 0 };
    // A work list's page holds as many visits as their pending suggestions fill: the next would not fit.
    if (items.length >= limit || fromWorkList) return { items, nextCursor: deps.resumes.encode(resume) };
  }
}
