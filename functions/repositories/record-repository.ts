import type { FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { Condition, HeldKey, Intent, Kind } from '#schemas/kind.ts';
import { PROVINCE_CODE, regionContains, regionKeyPrefix } from '#schemas/regions.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import {
  type ChangeEntry, type ListFilter, type Page, recordStore, type StoreDeps, type WriteOutcome, type WritePart,
} from '#functions/adapters/record-store.ts';
import { heldItems } from './held-items.ts';
import { ministerRepository } from './minister-repository.ts';

/** What one write stores: the record, its change entry, and what its kind's plan asked for. */
export interface RecordWrite<T> {
  record: T;
  change: ChangeEntry<T>;
  /** The version being replaced; absent for a new record (whose id must then be new). */
  expectedVersion?: number;
  fingerprint?: string;
  intents: readonly Intent[];
  /** The change entry of a revised record of another kind is stamped like this write's. */
  at: string;
  by: string;
  byName?: string;
  requestId: string;
}

/** An entry of a head's trail: a version of a record that was theirs, or the version that took it out of that trail. */
export type TrailEntry = { kind: string; recordId: string; version: number } & ({ after: FormRecord } | { handedOver: true });

/**
 * The marker of a version that took a record out of a head's year: handed to another head, or its
 * date moved to another year. Stored under its old name (`-handover`) so that markers written
 * before years were kept read the same.
 */
const HANDOVER = '-handover';
/**
 * A head's trail of one year (the year of each version's own date): what their scorecard for that
 * year reads. Items written before years were kept sit under `changes#<head>` until backfilled
 * (local/backfill-year-trails.ts); the scorecard reads that partition too, empty once backfilled.
 */
const trailPartition = (ministerId: string, year?: string) => (year === undefined ? `changes#${ministerId}` : `changes#${ministerId}#${year}`);
/** Index byMinister keys of a head's year trail: received instant first, so a prefix query reads up to an instant. */
const trailKey = (ministerId: string, year: string, kind: string, id: string, version: number, at: string) =>
  indexKey('byMinister', trailPartition(ministerId, year), `${at}#${kind}#${id}#${String(version).padStart(6, '0')}`);
/** The year a version counts in: that of its kind's date. */
const yearOf = (kind: Kind, record: FormRecord) => kind.dateOf(record).slice(0, 4);

/** The byMinister keys of a change entry: its head's trail of its date's year. */
export function changeTrailKey(kind: Kind, change: Pick<ChangeEntry<FormRecord>, 'after' | 'version' | 'at'>): Record<string, string> {
  return trailKey(change.after.ministerId, yearOf(kind, change.after), kind.name, change.after.id, change.version, change.at);
}

/**
 * The marker item a change needs when its version leaves the year trail its previous version was in
 * (another head, or a date in another year): as of any later instant the record is no longer in that
 * trail, though the trail's last entry of it is. None for a new record or one that stays.
 */
export function leaveMarkerItem(kind: Kind, change: Pick<ChangeEntry<FormRecord>, 'before' | 'after' | 'version' | 'at'>): Record<string, unknown> | undefined {
  const { before, after } = change;
  if (!before || (before.ministerId === after.ministerId && yearOf(kind, before) === yearOf(kind, after))) return undefined;
  return {
    pk: `${kind.name}#${after.id}`, sk: `handover#${String(change.version).padStart(6, '0')}`, kind: `${kind.name}${HANDOVER}`,
    recordId: after.id, version: change.version, at: change.at, to: after.ministerId,
    ...trailKey(before.ministerId, yearOf(kind, before), kind.name, after.id, change.version, change.at),
  };
}

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
      };
    },
    // A head's year trail: every version that is theirs and dated that year, by when it was received (their scorecard as of any day).
    changeIndexKeys: (change) => changeTrailKey(kind, change),
  });

  /** A version leaving a head's year trail leaves a marker there (see leaveMarkerItem). */
  const handOver = (kind: Kind, write: RecordWrite<FormRecord>): WritePart[] => {
    const item = leaveMarkerItem(kind, write.change);
    return item ? [{ item: { Put: { TableName: deps.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } }] : [];
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
        }).map((item) => ({ item }));
      }
    }
  }

  return {
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
            // Not the version before: half of what a change entry weighs.
            ProjectionExpression: '#kind, #id, #version, #after',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, '#kind': 'kind', '#id': 'recordId', '#version': 'version', '#after': 'after' },
            ExpressionAttributeValues: { ':pk': partition, ':end': endExclusive },
            ExclusiveStartKey: start,
          })));
          for (const item of res.Items ?? []) {
            const kind = String(item.kind);
            entries.push(kind.endsWith(HANDOVER)
              ? { kind: kind.slice(0, -HANDOVER.length), recordId: String(item.recordId), version: Number(item.version), handedOver: true }
              : { kind: kind.slice(0, -'-change'.length), recordId: String(item.recordId), version: Number(item.version), after: item.after as FormRecord });
          }
          start = res.LastEvaluatedKey;
        } while (start);
        return entries;
      };
      return (await Promise.all([read(trailPartition(ministerId, String(year))), read(trailPartition(ministerId))])).flat();
    },

    history: <T extends FormRecord>(kind: Kind<T>, id: string) => storeOf(kind).history(id),

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
