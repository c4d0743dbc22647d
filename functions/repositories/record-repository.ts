import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { Condition, HeldKey, Intent, Kind } from '#schemas/kind.ts';
import { PROVINCE_CODE, regionContains, regionKeyPrefix } from '#schemas/regions.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { type ListFilter, recordStore, type StoreDeps, type WriteOutcome, type WritePart } from '#functions/adapters/record-store.ts';
import type { ChangeEntry, Page, RecordWrite, TrailEntry } from '#functions/ports/records.ts';
import { changeTrailKey, leaveMarkerItem, readTrailEntry, TRAIL_PROJECTION, trailPartition } from '#functions/items/trail.ts';
import { heldItems } from './held-items.ts';
import { ministerRepository } from './minister-repository.ts';
import { stateKeys, stateLists } from './state-lists.ts';
import { workCounters } from './work-counters.ts';

export type { RecordWrite, TrailEntry };

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
 * The records of every kind of the catalogue, keyed by kind: `<kind>#<id>` / `record`, listed by
 * region (index byRegion: `<kind>` → `<region code>#<date>#<id>`) and by minister (byMinister:
 * `<kind>#<minister>` → `<date>#<id>`), where region and date are what the kind says they are.
 * Intents become transaction items here.
 */
export function recordRepository(deps: StoreDeps) {
  const held = heldItems(deps);
  const ministers = ministerRepository(deps);
  const counters = workCounters(deps);
  /** A kind's store: cheap to make (closures over the client), and typed by the kind's records. */
  const storeOf = <T extends FormRecord>(kind: Kind<T>) => recordStore<T>(deps, {
    kind: kind.name,
    indexKeys: (r) => {
      const region = kind.regionOf(r);
      const date = kind.dateOf(r);
      return {
        listDate: date,
        ...indexKey('byRegion', kind.name, `${region}#${date}#${r.id}`),
        ...indexKey('byMinister', `${kind.name}#${r.ministerId}`, `${date}#${r.id}`),
        ...stateKeys(kind, r),
      };
    },
    // A head's year trail: every version that is theirs and dated that year, by when it was received (their scorecard as of any day).
    changeIndexKeys: (change) => changeTrailKey(kind, change),
  });

  /** A version leaving a head's year trail leaves a marker there (see leaveMarkerItem). */
  const handOver = (kind: Kind, write: RecordWrite<FormRecord>): WritePart[] => {
    const item = leaveMarkerItem(kind, write.change);
    return item ? [{ item: { Put: { TableName: deps.tableName, Item: item, ConditionExpression: `attribute_not_exists(${TABLE_DEFINITION.partitionKey})` } } }] : [];
  };

  /**
   * The create fingerprints of records read while planning, by the very object read: a plan that
   * revises another record (a problem linked to an inspection's finding) hands that object back.
   */
  const fingerprints = new WeakMap<object, string>();

  /** The transaction items of one intent. */
  function itemsOf(intent: Intent, write: Pick<RecordWrite<unknown>, 'at' | 'by' | 'byName' | 'requestId'>): WritePart[] {
    switch (intent.type) {
      case 'hold': return [{ item: held.hold(intent.key, intent.holder), mayGoAhead: intent.alone }];
      case 'release': return [{ item: held.release(intent.key, intent.holder) }];
      case 'exists': return [{ item: 'minister' in intent.target ? ministers.serves(intent.target) : storeOf(intent.target.kind).existsCheck(intent.target.id) }];
      case 'revise': {
        const { kind, before, after, action } = intent;
        const next = { ...after, version: before.version + 1, updatedAt: write.at };
        return storeOf(kind).replaceParts({
          // The record's create fingerprint stays with it: a retry of that create is still a retry after the revision.
          record: next, expectedVersion: before.version, fingerprint: fingerprints.get(before),
          change: {
            version: next.version, action, at: write.at, by: write.by, ...(write.byName ? { byName: write.byName } : {}), requestId: write.requestId, before, after: next,
          },
        }).concat(counters.parts(kind, before, next)).map((item) => ({ item }));
      }
    }
  }

  return {
    /** The desk's work lists (awaiting review, open problems, pending suggestions, suspected duplicates). */
    lists: stateLists(deps),
    /** How much each work list holds, by region: kept by the writes. */
    counters,

    get: <T extends FormRecord>(kind: Kind<T>, id: string) => storeOf(kind).get(id),

    /** A stored record of a kind, as a kind's plan reads it (its fingerprint noted, for a revision of it). */
    read: async <T extends FormRecord>(kind: Kind<T>, id: string): Promise<T | undefined> => {
      const stored = await storeOf(kind).get(id);
      if (stored?.fingerprint) fingerprints.set(stored.record, stored.fingerprint);
      return stored?.record;
    },

    holderOf: (key: HeldKey) => held.holderOf(key),

    /**
     * A head's trail of a year up to `endExclusive` (ISO instant): every version of every record that
     * was theirs and dated that year when received, and a marker where a version took one out of it,
     * oldest first within each of the two partitions read (the year's, and the one of items not yet
     * backfilled). A record's highest version among them before an instant says whether it was
     * theirs that year then, and in which version; a version from the older partition may be of
     * another year (the caller checks its date).
     */
    async trail(ministerId: string, year: number, endExclusive: string): Promise<TrailEntry[]> {
      const index = TABLE_DEFINITION.indexes.find((i) => i.name === 'byMinister')!;
      const read = async (partition: string) => {
        const entries: TrailEntry[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const res = await guarded(() => deps.client.send(new QueryCommand({
            TableName: deps.tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :pk AND #sk < :end',
            ProjectionExpression: TRAIL_PROJECTION.map((_, i) => `#p${i}`).join(', '),
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, ...Object.fromEntries(TRAIL_PROJECTION.map((name, i) => [`#p${i}`, name])) },
            ExpressionAttributeValues: { ':pk': partition, ':end': endExclusive },
            ExclusiveStartKey: start,
          })));
          for (const item of res.Items ?? []) entries.push(readTrailEntry(item));
          start = res.LastEvaluatedKey;
        } while (start);
        return entries;
      };
      return (await Promise.all([read(trailPartition(ministerId, String(year))), read(trailPartition(ministerId))])).flat();
    },

    history: <T extends FormRecord>(kind: Kind<T>, id: string) => storeOf(kind).history(id),

    /**
     * The items a record and its change entry are stored as (keys and index keys included), for bulk
     * loads that write them without a transaction: the reads bench, and tests of long lists.
     */
    storedItems: <T extends FormRecord>(kind: Kind<T>, record: T, change: ChangeEntry<T>): Record<string, unknown>[] =>
      storeOf(kind).replaceParts({ record, expectedVersion: 0, change }).flatMap((part) => (part.Put?.Item ? [part.Put.Item] : [])),

    /**
     * The record, its change entry and its intents in one transaction. On failure: whether the
     * record's own condition failed (id taken, version moved), and which intents' conditions did.
     */
    async write<T extends FormRecord>(kind: Kind<T>, write: RecordWrite<T>): Promise<WriteOutcome & { intents?: number[] }> {
      const store = storeOf(kind);
      const owners: number[] = [];
      const parts = write.intents.flatMap((intent, i) => itemsOf(intent, write).map((part) => {
        owners.push(i);
        return part;
      }));
      // The work lists' counters move in the same transaction as the record (work-counters.ts).
      for (const item of counters.parts(kind, write.change.before, write.record)) {
        owners.push(-1);
        parts.push({ item });
      }
      for (const part of handOver(kind, write)) {
        owners.push(-1);
        parts.push(part);
      }
      const outcome = write.expectedVersion === undefined
        ? await store.create({ record: write.record, change: write.change, fingerprint: write.fingerprint ?? '', parts })
        : await store.replace({ record: write.record, expectedVersion: write.expectedVersion, change: write.change, fingerprint: write.fingerprint, parts });
      return outcome.ok ? outcome : { ...outcome, intents: [...new Set(outcome.parts.map((p) => owners[p]).filter((owner) => owner >= 0))] };
    },

    /**
     * By minister when given (date range in the key), else by region (region in the key, dates
     * filtered); `conditions` are the kind's own (status, review, overdue, …).
     */
    list<T extends FormRecord>(kind: Kind<T>, query: RecordListQuery, conditions: readonly Condition[] = []): Promise<Page<T>> {
      const store = storeOf(kind);
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
        return store.page({
          ...page, index: 'byMinister', partition: `${kind.name}#${query.ministerId}`, sortBetween: [from, `${to}#~`], filters: [...inRegion, ...filters],
        });
      }
      if (query.county) {
        return store.page({ ...page, index: 'byRegion', partition: kind.name, sortBetween: [`${query.county}#${from}`, `${query.county}#${to}#~`], filters });
      }
      const inDates: ListFilter[] = query.from || query.to
        ? [{ expression: '#listDate BETWEEN :from AND :to', names: { '#listDate': 'listDate' }, values: { ':from': from, ':to': to } }]
        : [];
      return store.page({ ...page, index: 'byRegion', partition: kind.name, sortPrefix: regionKeyPrefix(region), filters: [...inDates, ...filters] });
    },
  };
}

export type RecordRepository = ReturnType<typeof recordRepository>;
