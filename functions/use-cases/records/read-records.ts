import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { Condition, Kind } from '#schemas/kind.ts';
import { findRegion, PROVINCE_CODE, regionContains } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { NotFoundError } from '#schemas/errors.ts';
import type { ChangeEntry, Page } from '#functions/ports/records.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { assertMaySee, regionInReach } from '#functions/auth/policy.ts';
import type { ListDeps, RecordDeps } from '../deps.ts';
import { workListOf } from './work-lists.ts';

type ReadDeps = Pick<RecordDeps, 'records' | 'ministers' | 'clock'>;

/**
 * Records with their heads' names (`ministerName`): a caller who may read a record may know whose
 * it is, though the head serve outside the caller's region (a province head's record in a
 * prefecture), where `GET /ministers` does not reach. The heads not kept are read together, in one call per 100.
 */
export async function withHeadNames<T extends Pick<FormRecord, 'ministerId'>>(deps: Pick<RecordDeps, 'ministers'>, records: T[]): Promise<(T & { ministerName?: string })[]> {
  const heads = await deps.ministers.namesOf(records.map((record) => record.ministerId));
  return records.map((record) => {
    const ministerName = heads.get(record.ministerId);
    return ministerName === undefined ? record : { ...record, ministerName };
  });
}

/** A record as the API shows it: with the fields its kind computes when read (e.g. `overdue`), and its head's name. */
export async function present<T extends FormRecord>(deps: Pick<RecordDeps, 'clock' | 'ministers'>, kind: Kind<T>, record: T): Promise<T & { ministerName?: string }> {
  const [named] = await withHeadNames(deps, [kind.present(record, beijingDate(deps.clock.now()))]);
  return named;
}

/** The stored record, if it exists and the caller may see it (404 either way otherwise). */
async function visible<T extends FormRecord>(deps: ReadDeps, kind: Kind<T>, id: string, caller?: Caller): Promise<T> {
  const stored = await deps.records.get(kind, id);
  if (!stored) throw new NotFoundError();
  if (caller) assertMaySee(caller, kind.regionOf(stored.record), stored.record);
  return stored.record;
}

export async function getRecord<T extends FormRecord>(deps: ReadDeps, kind: Kind<T>, id: string, caller?: Caller): Promise<T> {
  return present(deps, kind, await visible(deps, kind, id, caller));
}

/**
 * A caller's list stays inside their region: a region asked for outside it is a 403, none asked
 * for means theirs. A submitter sees only their own records (their minister's, or those they reported).
 */
export function scoped(query: RecordListQuery, caller: Caller | undefined): { query: RecordListQuery; conditions: Condition[] } {
  if (!caller) return { query, conditions: [] };
  for (const asked of [query.county, query.prefecture]) if (asked) regionInReach(caller, asked);
  const scopedQuery = { ...query };
  if (!query.county && !query.prefecture) {
    const own = findRegion(regionInReach(caller, undefined))!;
    if (own.level === 'county') scopedQuery.county = own.code;
    if (own.level === 'prefecture') scopedQuery.prefecture = own.code;
  }
  if (caller.role !== 'submitter') return { query: scopedQuery, conditions: [] };
  if (caller.ministerId) {
    if (query.ministerId && query.ministerId !== caller.ministerId) return { query: { ...scopedQuery, limit: 0 }, conditions: [] };
    return { query: { ...scopedQuery, ministerId: caller.ministerId }, conditions: [] };
  }
  return { query: scopedQuery, conditions: [{ field: 'submittedBy', eq: caller.sub }] };
}

export async function listRecords<T extends FormRecord>(deps: Pick<ListDeps, 'lists' | 'ministers' | 'clock'>, kind: Kind<T>, query: RecordListQuery, caller?: Caller): Promise<Page<T>> {
  const today = beijingDate(deps.clock.now());
  const scope = scoped(query, caller);
  if (scope.query.limit === 0) return { items: [], nextCursor: null };
  const conditions: Condition[] = [
    ...scope.conditions,
    ...(query.status ? [{ field: 'status', eq: query.status }] : []),
    ...(query.review ? [{ field: 'review.state', eq: query.review }] : []),
    ...kind.filters(query, today),
  ];
  const page = await listPage(deps, kind, scope, conditions, today);
  return { ...page, items: await withHeadNames(deps, page.items.map((r) => kind.present(r, today))) };
}

/** From the work list that holds exactly what is asked, when one does; else from the region or head index, filtered. */
function listPage<T extends FormRecord>(deps: Pick<ListDeps, 'lists'>, kind: Kind<T>, scope: ReturnType<typeof scoped>, conditions: Condition[], today: string): Promise<Page<T>> {
  const { query } = scope;
  const served = scope.conditions.length === 0 && !query.ministerId ? workListOf(kind, query, today) : undefined;
  if (!served) return deps.lists.list(kind, query, conditions);
  if (query.county && query.prefecture && !regionContains(query.prefecture, query.county)) return Promise.resolve({ items: [], nextCursor: null });
  const region = query.county ?? query.prefecture ?? PROVINCE_CODE;
  return deps.lists.page(served.list, kind, region, { limit: query.limit, cursor: query.cursor, keep: served.keep });
}

/** The append-only trail, oldest first; 404 for an id never stored or a record the caller may not see. */
export async function recordHistory<T extends FormRecord>(deps: ReadDeps, kind: Kind<T>, id: string, caller?: Caller): Promise<ChangeEntry<T>[]> {
  await visible(deps, kind, id, caller);
  return deps.records.history(kind, id);
}
