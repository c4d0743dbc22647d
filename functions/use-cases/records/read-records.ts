import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { ChangeEntry, ListFilter, Page } from '#functions/adapters/record-store.ts';
import type { CatalogueEntry } from '#functions/catalogue/entry.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { assertMaySee, regionInReach } from '#functions/auth/policy.ts';
import type { RecordDeps } from '../deps.ts';

type ReadDeps = Pick<RecordDeps, 'records' | 'clock'>;

/** A record as the API shows it: with the fields its kind computes when read (e.g. `overdue`). */
export function present<T extends FormRecord>(deps: Pick<RecordDeps, 'clock'>, entry: CatalogueEntry<T>, record: T): T {
  return entry.present ? entry.present(record, beijingDate(deps.clock.now())) : record;
}

/** The stored record, if it exists and the caller may see it (404 either way otherwise). */
async function visible<T extends FormRecord>(deps: ReadDeps, entry: CatalogueEntry<T>, id: string, caller?: Caller): Promise<T> {
  const stored = await deps.records[entry.form.kind].get(id);
  if (!stored) throw new NotFoundError();
  const record = stored.record as T;
  if (caller) assertMaySee(caller, entry.form.regionOf(record as never), record);
  return record;
}

export async function getRecord<T extends FormRecord>(deps: ReadDeps, entry: CatalogueEntry<T>, id: string, caller?: Caller): Promise<T> {
  return present(deps, entry, await visible(deps, entry, id, caller));
}

/**
 * A caller's list stays inside their region: a region asked for outside it is a 403, none asked
 * for means theirs. A submitter sees only their own records (their minister's, or those they reported).
 */
function scoped(query: RecordListQuery, caller: Caller | undefined): { query: RecordListQuery; filters: ListFilter[] } {
  if (!caller) return { query, filters: [] };
  for (const asked of [query.county, query.prefecture]) if (asked) regionInReach(caller, asked);
  const scopedQuery = { ...query };
  if (!query.county && !query.prefecture) {
    const own = findRegion(regionInReach(caller, undefined))!;
    if (own.level === 'county') scopedQuery.county = own.code;
    if (own.level === 'prefecture') scopedQuery.prefecture = own.code;
  }
  if (caller.role !== 'submitter') return { query: scopedQuery, filters: [] };
  if (caller.ministerId) {
    if (query.ministerId && query.ministerId !== caller.ministerId) return { query: { ...scopedQuery, limit: 0 }, filters: [] };
    return { query: { ...scopedQuery, ministerId: caller.ministerId }, filters: [] };
  }
  return { query: scopedQuery, filters: [{ expression: '#submittedBy = :submittedBy', names: { '#submittedBy': 'submittedBy' }, values: { ':submittedBy': caller.sub } }] };
}

export async function listRecords<T extends FormRecord>(deps: ReadDeps, entry: CatalogueEntry<T>, query: RecordListQuery, caller?: Caller): Promise<Page<T>> {
  const today = beijingDate(deps.clock.now());
  const scope = scoped(query, caller);
  if (scope.query.limit === 0) return { items: [], nextCursor: null };
  const filters = [
    ...scope.filters,
    ...(query.status ? [{ expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } }] : []),
    ...(query.review ? [{ expression: '#review.#state = :review', names: { '#review': 'review', '#state': 'state' }, values: { ':review': query.review } }] : []),
    ...(entry.listFilters?.(query, today) ?? []),
  ];
  const page = await deps.records[entry.form.kind].list(scope.query, filters);
  return { ...page, items: page.items.map((r) => present(deps, entry, r as T)) };
}

/** The append-only trail, oldest first; 404 for an id never stored or a record the caller may not see. */
export async function recordHistory(deps: ReadDeps, entry: CatalogueEntry, id: string, caller?: Caller): Promise<ChangeEntry<FormRecord>[]> {
  await visible(deps, entry, id, caller);
  return deps.records[entry.form.kind].history(id);
}
