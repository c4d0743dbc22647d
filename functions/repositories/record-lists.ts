import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { Condition, Kind } from '#schemas/kind.ts';
import { PROVINCE_CODE, regionContains, regionKeyPrefix } from '#schemas/regions.ts';
import { indexPage, type ListFilter, type StoreDeps } from '#functions/adapters/record-store.ts';
import type { Page, RecordLists } from '#functions/ports/records.ts';
import { stateLists } from './state-lists.ts';
import { workCounts } from './work-counters.ts';

/** Conditions as one DynamoDB filter expression each, placeholders numbered so that none clash. */
function filterOf(condition: Condition, n = { next: 0 }): ListFilter {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const path = (field: string) => field.split('.').map((part) => {
    const name = `#f${n.next++}`;
    names[name] = part;
    return name;
  }).join('.');
  const value = (v: string) => {
    const placeholder = `:v${n.next++}`;
    values[placeholder] = v;
    return placeholder;
  };
  const expression = (c: Condition): string => {
    if ('all' in c) return c.all.map((part) => `(${expression(part)})`).join(' AND ');
    if ('not' in c) return `NOT (${expression(c.not)})`;
    if ('exists' in c) return `attribute_exists(${path(c.exists)})`;
    if ('eq' in c) return `${path(c.field)} = ${value(c.eq)}`;
    if ('lt' in c) return `${path(c.field)} < ${value(c.lt)}`;
    return `${path(c.field)} IN (${c.in.map(value).join(', ')})`;
  };
  return { expression: expression(condition), names, values };
}

/**
 * The records of every kind as lists: by region or head (the indexes record-repository.ts keys each
 * record into), the desk's work lists (state-lists.ts) and their counters (work-counters.ts).
 */
export function recordLists(deps: StoreDeps): RecordLists {
  return {
    /**
     * By minister when given (date range in the key), else by region (region in the key, dates
     * filtered); `conditions` are the kind's own (status, review, overdue, …).
     */
    list<T extends FormRecord>(kind: Kind<T>, query: RecordListQuery, conditions: readonly Condition[] = []): Promise<Page<T>> {
      const counter = { next: 0 };
      const filters = conditions.map((c) => filterOf(c, counter));
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
        return indexPage<T>(deps, kind.name, {
          ...page, index: 'byMinister', partition: `${kind.name}#${query.ministerId}`, sortBetween: [from, `${to}#~`], filters: [...inRegion, ...filters],
        });
      }
      if (query.county) {
        return indexPage<T>(deps, kind.name, { ...page, index: 'byRegion', partition: kind.name, sortBetween: [`${query.county}#${from}`, `${query.county}#${to}#~`], filters });
      }
      const inDates: ListFilter[] = query.from || query.to
        ? [{ expression: '#listDate BETWEEN :from AND :to', names: { '#listDate': 'listDate' }, values: { ':from': from, ':to': to } }]
        : [];
      return indexPage<T>(deps, kind.name, { ...page, index: 'byRegion', partition: kind.name, sortPrefix: regionKeyPrefix(region), filters: [...inDates, ...filters] });
    },
    page: stateLists(deps).page,
    counts: workCounts(deps),
  };
}
