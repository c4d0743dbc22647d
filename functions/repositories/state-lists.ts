import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type FormRecord, reviewStateOf } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { PROBLEM, VISIT } from '#schemas/kinds/names.ts';
import { acceptanceStateOf } from '#schemas/acceptance.ts';
import { regionKeyPrefix } from '#schemas/regions.ts';
import { indexKey, type IndexName, TABLE_DEFINITION } from '#functions/table.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { decodeCursor, encodeCursor, type Key } from '#functions/adapters/cursor.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import type { ListEntry, ListPageRequest, Page, StateList } from '#functions/ports/records.ts';
import { readRecord } from '#functions/items/record.ts';

/**
 * The desk's work lists, each a sparse index (functions/table.ts): a record is in a list only while
 * it is in the list's state, so a page or a count reads what it shows, never the history.
 * - `review`: not withdrawn and awaiting review (待审核), any kind;
 * - `problems`: problems neither rectified nor withdrawn, by deadline; `rectified`: rectified ones waiting
 *   for 验收 (待验收), `accepted`: those accepted (已销号), by the day they were rectified;
 * - `suggestions`: visits (not withdrawn) with pending suggestions (待答复), how many in the key;
 * - `duplicates`: suspected duplicates (疑似重复) neither approved nor rejected, nor withdrawn.
 */
export type { ListEntry, ListPageRequest, StateList };

const LISTS = {
  review: { index: 'awaitingReview', partition: (kind: string, province: string) => `review#${kind}#${province}` },
  problems: { index: 'openWork', partition: (_kind: string, province: string) => `problems#${province}` },
  rectified: { index: 'openWork', partition: (_kind: string, province: string) => `rectified#${province}` },
  accepted: { index: 'openWork', partition: (_kind: string, province: string) => `accepted#${province}` },
  suggestions: { index: 'openWork', partition: (_kind: string, province: string) => `suggestions#${province}` },
  duplicates: { index: 'suspectedDuplicates', partition: (kind: string, province: string) => `duplicates#${kind}#${province}` },
} as const satisfies Record<StateList, { index: IndexName; partition(kind: string, province: string): string }>;

/** A list's partitions are per province: no partition holds a list of the whole country. */
const provinceOf = (region: string) => `${region.slice(0, 2)}0000`;

function entryOf(sortKey: string): ListEntry {
  const [region, order, id, weight] = sortKey.split('#');
  return { region, order, id, weight: weight === undefined ? 1 : Number(weight) };
}

const pendingSuggestions = (record: object): number =>
  'suggestions' in record && Array.isArray(record.suggestions)
    ? record.suggestions.filter((s: unknown) => typeof s === 'object' && s !== null && 'status' in s && s.status === 'pending').length
    : 0;

/** A record's place in one list: the list, what its key orders by (a date, a deadline), and its weight (pending suggestions; else 1). */
export interface Membership {
  list: StateList;
  order: string;
  weight: number;
}

/**
 * The lists a record is in as it stands (one definition for the indexes and the counters that
 * follow them, work-counters.ts): none once withdrawn.
 */
export function membershipsOf<T extends FormRecord>(kind: Kind<T>, record: T): Membership[] {
  if (record.status === 'withdrawn') return [];
  const date = kind.dateOf(record);
  const lists: Membership[] = [];
  const review = reviewStateOf(record);
  if (review === 'received') lists.push({ list: 'review', order: date, weight: 1 });
  if (kind.name === PROBLEM && 'deadline' in record && typeof record.deadline === 'string') {
    if (record.status !== 'rectified') lists.push({ list: 'problems', order: record.deadline, weight: 1 });
    else {
      const order = 'rectifiedOn' in record && typeof record.rectifiedOn === 'string' ? record.rectifiedOn : date;
      // Rectified ones stored before 验收 existed wait (acceptanceStateOf), and stay in the list they were in.
      lists.push({ list: acceptanceStateOf(record) === 'accepted' ? 'accepted' : 'rectified', order, weight: 1 });
    }
  }
  if (kind.name === VISIT) {
    const pending = pendingSuggestions(record);
    if (pending > 0) lists.push({ list: 'suggestions', order: date, weight: pending });
  }
  if ('duplicateOf' in record && record.duplicateOf !== undefined && review !== 'approved' && review !== 'rejected') lists.push({ list: 'duplicates', order: date, weight: 1 });
  return lists;
}

/**
 * The sparse index attributes of a record as stored now: only those of the lists it is in. The
 * record's item is written whole on every change, so leaving a state drops the attribute, and with
 * it the entry in the list, in the same write.
 */
export function stateKeys<T extends FormRecord>(kind: Kind<T>, record: T): Record<string, string> {
  const region = kind.regionOf(record);
  const keys: Record<string, string> = {};
  for (const { list, order, weight } of membershipsOf(kind, record)) {
    // The suggestions list carries its weight in the key, as the counters do: how many wait.
    const suffix = list === 'suggestions' ? `#${weight}` : '';
    Object.assign(keys, indexKey(LISTS[list].index, LISTS[list].partition(kind.name, provinceOf(region)), `${region}#${order}#${record.id}${suffix}`));
  }
  return keys;
}

/** Query calls one page may take when `keep` passes few entries: each reads up to 1 MB of keys (~8,000 entries). */
const MAX_QUERY_CALLS = 10;

export function stateLists(deps: StoreDeps) {
  const { client, tableName } = deps;
  const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

  const where = (list: StateList, kind: string, region: string) => {
    const index = TABLE_DEFINITION.indexes.find((i) => i.name === LISTS[list].index)!;
    const partition = LISTS[list].partition(kind, provinceOf(region));
    const prefix = regionKeyPrefix(region);
    const query: QueryCommandInput = {
      TableName: tableName,
      IndexName: index.name,
      KeyConditionExpression: '#ipk = :ipk AND begins_with(#isk, :prefix)',
      ExpressionAttributeNames: { '#ipk': index.partitionKey, '#isk': index.sortKey },
      ExpressionAttributeValues: { ':ipk': partition, ':prefix': prefix },
    };
    return { index, partition, prefix, query };
  };

  /**
   * One page of a list in a region, in the list's order (region, then date or deadline, then id),
   * full up to `limit` unless the list ends; `nextCursor` says more follows. A `weighed` page counts
   * its entries' weights against `limit` (a visit's pending suggestions), and holds at least one.
   * The records are read by key, and one that has just left the list (the index trails the table by
   * a moment) is left out.
   */
  async function page<T extends FormRecord>(list: StateList, kind: Kind<T>, region: string, request: ListPageRequest): Promise<Page<T>> {
    const { index, partition, prefix, query } = where(list, kind.name, region);
    const keyAttributes = [PK, SK, index.partitionKey, index.sortKey];
    let start: Key | undefined = decodeCursor(request.cursor, keyAttributes, { [index.partitionKey]: partition }, (key) => key[index.sortKey].startsWith(prefix));
    const shown: Key[] = [];
    let filled = 0;
    let more = false;
    for (let call = 0; call < MAX_QUERY_CALLS && !more; call++) {
      const res = await guarded(() => client.send(new QueryCommand({
        ...query,
        // Without `keep` at most what is left (every entry weighs at least 1), and one more to know whether more follows; with it, as much as a call reads.
        ...(request.keep ? {} : { Limit: Math.max(1, request.limit - filled + 1) }),
        ExclusiveStartKey: start,
      })));
      for (const item of res.Items ?? []) {
        const key = Object.fromEntries(keyAttributes.map((k) => [k, String(item[k])]));
        const entry = entryOf(key[index.sortKey]);
        if (request.keep && !request.keep(entry)) continue;
        const weight = request.weighed ? entry.weight : 1;
        if (shown.length > 0 && filled + weight > request.limit) {
          more = true;
          break;
        }
        shown.push(key);
        filled += weight;
      }
      start = res.LastEvaluatedKey as Key | undefined;
      if (!start) break;
    }
    const nextCursor = more ? encodeCursor(shown.at(-1)!) : start ? encodeCursor(start) : null;
    const items = new Map((await batchGet(deps, shown.map((key) => ({ [PK]: key[PK], [SK]: key[SK] })))).map((item) => [String(item[PK]), item]));
    const records = shown.flatMap((key) => {
      const item = items.get(key[PK]);
      if (!item) return [];
      const { record } = readRecord<T>(kind.name, item);
      return stateKeys(kind, record)[index.partitionKey] === partition ? [record] : [];
    });
    return { items: records, nextCursor };
  }

  return { page };
}

export type StateLists = ReturnType<typeof stateLists>;
