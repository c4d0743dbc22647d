import type { RecordListQuery } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { PROBLEM } from '#schemas/kinds/names.ts';
import { deadlineLightOn } from '#schemas/deadlines.ts';
import type { ListEntry, StateList } from '#functions/ports/records.ts';

/** What a list query may ask beside what a work list holds: the region, dates (where the list's order is the record's date) and paging. */
const PLACE_AND_PAGE = new Set(['county', 'prefecture', 'from', 'to', 'limit', 'cursor']);

export interface WorkListQuery {
  list: StateList;
  keep?: (entry: ListEntry) => boolean;
}

/**
 * Which of the desk's work lists (sparse indexes: functions/repositories/state-lists.ts) answers a
 * list query: one that asks for exactly what a list holds, in a region and between dates, and
 * nothing else (a head, a status, another filter: those are read from the region or head index).
 * - `review=received` → records awaiting review (not withdrawn: a withdrawn record awaits no one);
 * - `suspectedDuplicates=true` → suspected duplicates not yet decided (nor withdrawn);
 * - problems' `open=true` and/or `light=red|yellow|green` → open problems, by region then deadline;
 *   `light=waiting` → rectified problems waiting for 验收, `light=accepted` → those accepted (已销号),
 *   by region then the day they were rectified (`light=grey`, both, is read from the region index).
 */
export function workListOf(kind: Kind, query: RecordListQuery, today: string): WorkListQuery | undefined {
  const asked = Object.keys(query).filter((key) => query[key] !== undefined && !PLACE_AND_PAGE.has(key)).sort().join(',');
  const { from, to } = query;
  const inDates = from === undefined && to === undefined
    ? undefined
    : (entry: ListEntry) => (from === undefined || entry.order >= from) && (to === undefined || entry.order <= to);
  if (asked === 'review' && query.review === 'received') return { list: 'review', keep: inDates };
  if (asked === 'suspectedDuplicates' && query.suspectedDuplicates === true) return { list: 'duplicates', keep: inDates };
  if (kind.name !== PROBLEM || from !== undefined || to !== undefined) return undefined;
  if (asked === 'open' && query.open === true) return { list: 'problems' };
  const light = query.light;
  if (asked === 'light' && light === 'waiting') return { list: 'rectified' };
  if (asked === 'light' && light === 'accepted') return { list: 'accepted' };
  if ((asked === 'light' || (asked === 'light,open' && query.open === true)) && (light === 'red' || light === 'yellow' || light === 'green')) {
    const lightOf = deadlineLightOn(today);
    return { list: 'problems', keep: (entry) => lightOf(entry.order) === light };
  }
  return undefined;
}
