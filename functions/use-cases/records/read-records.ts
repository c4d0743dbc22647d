import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import { beijingDate } from '#schemas/time.ts';
import { NotFoundError } from '#functions/domain/errors.ts';
import type { ChangeEntry, Page } from '#functions/adapters/record-store.ts';
import type { CatalogueEntry } from '#functions/catalogue/entry.ts';
import type { RecordDeps } from '../deps.ts';

type ReadDeps = Pick<RecordDeps, 'records' | 'clock'>;

/** A record as the API shows it: with the fields its kind computes when read (e.g. `overdue`). */
export function present<T extends FormRecord>(deps: Pick<RecordDeps, 'clock'>, entry: CatalogueEntry<T>, record: T): T {
  return entry.present ? entry.present(record, beijingDate(deps.clock.now())) : record;
}

export async function getRecord<T extends FormRecord>(deps: ReadDeps, entry: CatalogueEntry<T>, id: string): Promise<T> {
  const stored = await deps.records[entry.form.kind].get(id);
  if (!stored) throw new NotFoundError();
  return present(deps, entry, stored.record as T);
}

export async function listRecords<T extends FormRecord>(deps: ReadDeps, entry: CatalogueEntry<T>, query: RecordListQuery): Promise<Page<T>> {
  const today = beijingDate(deps.clock.now());
  const filters = [
    ...(query.status ? [{ expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } }] : []),
    ...(query.review ? [{ expression: '#review.#state = :review', names: { '#review': 'review', '#state': 'state' }, values: { ':review': query.review } }] : []),
    ...(entry.listFilters?.(query, today) ?? []),
  ];
  const page = await deps.records[entry.form.kind].list(query, filters);
  return { ...page, items: page.items.map((r) => present(deps, entry, r as T)) };
}

/** The append-only trail, oldest first; 404 for an id never stored. */
export async function recordHistory(deps: ReadDeps, entry: CatalogueEntry, id: string): Promise<ChangeEntry<FormRecord>[]> {
  const entries = await deps.records[entry.form.kind].history(id);
  if (!entries.length) throw new NotFoundError();
  return entries;
}
