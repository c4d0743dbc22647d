import type { Form, FormRecord, RecordListQuery } from '#schemas/form.ts';
import { PROVINCE_CODE, regionContains, regionKeyPrefix } from '#schemas/regions.ts';
import { indexKey } from '#functions/table.ts';
import { type ListFilter, type Page, recordStore, type StoreDeps } from '#functions/adapters/record-store.ts';

/**
 * The records of one kind of the form catalogue. Each is listed by region (index byRegion:
 * `<kind>` → `<region code>#<date>#<id>`) and by minister (byMinister: `<kind>#<minister>` →
 * `<date>#<id>`), where region and date are what the kind's form says they are.
 */
export function recordRepository<T extends FormRecord>(deps: StoreDeps, form: Pick<Form, 'kind' | 'regionOf' | 'dateOf'>) {
  const regionDate = (r: T) => ({ region: form.regionOf(r as never), date: form.dateOf(r as never) });
  const store = recordStore<T>(deps, {
    kind: form.kind,
    indexKeys: (r) => {
      const { region, date } = regionDate(r);
      return {
        listDate: date,
        ...indexKey('byRegion', form.kind, `${region}#${date}#${r.id}`),
        ...indexKey('byMinister', `${form.kind}#${r.ministerId}`, `${date}#${r.id}`),
      };
    },
  });

  return {
    ...store,

    /**
     * By minister when given (date range in the key), else by region (region in the key, dates
     * filtered); `filters` are the kind's own conditions (status, review, overdue, …).
     */
    list(query: RecordListQuery, filters: ListFilter[] = []): Promise<Page<T>> {
      const region = query.county ?? query.prefecture ?? PROVINCE_CODE;
      if (query.county && query.prefecture && !regionContains(query.prefecture, query.county)) {
        return Promise.resolve({ items: [], nextCursor: null });
      }
      const from = query.from ?? '0000-00-00';
      const to = query.to ?? '9999-99-99';
      const page = { limit: query.limit, cursor: query.cursor };
      if (query.ministerId) {
        const inRegion: ListFilter[] = region === PROVINCE_CODE ? [] : [{
          expression: 'begins_with(#gsi1sk, :region)', names: { '#gsi1sk': 'gsi1sk' }, values: { ':region': regionKeyPrefix(region) },
        }];
        return store.page({
          ...page, index: 'byMinister', partition: `${form.kind}#${query.ministerId}`, sortBetween: [from, `${to}#~`], filters: [...inRegion, ...filters],
        });
      }
      if (query.county) {
        return store.page({ ...page, index: 'byRegion', partition: form.kind, sortBetween: [`${query.county}#${from}`, `${query.county}#${to}#~`], filters });
      }
      const inDates: ListFilter[] = query.from || query.to
        ? [{ expression: '#listDate BETWEEN :from AND :to', names: { '#listDate': 'listDate' }, values: { ':from': from, ':to': to } }]
        : [];
      return store.page({ ...page, index: 'byRegion', partition: form.kind, sortPrefix: regionKeyPrefix(region), filters: [...inDates, ...filters] });
    },
  };
}

export type RecordRepository<T extends FormRecord = FormRecord> = ReturnType<typeof recordRepository<T>>;
