import type { FormRecord } from '#schemas/form.ts';
import type { HeldKey, Intent, Kind } from '#schemas/kind.ts';
import { indexKey, TABLE_DEFINITION } from '#functions/table.ts';
import { LOCKED_STATES } from '#schemas/month-words.ts';
import { recordStore, type StoreDeps, type TransactItem, type WriteOutcome, type WritePart } from '#functions/adapters/record-store.ts';
import { monthKey } from '#functions/items/month-key.ts';
import type { ChangeEntry, RecordWrite, TrailEntry } from '#functions/ports/records.ts';
import { changeTrailKey, leaveMarkerItem } from '#functions/items/trail.ts';
import { trailReader } from './trail-reader.ts';
import { heldItems } from './held-items.ts';
import { ministerRepository } from './minister-repository.ts';
import { stateKeys } from './state-lists.ts';
import { workCounters } from './work-counters.ts';

export type { RecordWrite, TrailEntry };

/**
 * The records of every kind of the catalogue, keyed by kind: `<kind>#<id>` / `record`, indexed by
 * region (index byRegion: `<kind>` → `<region code>#<date>#<id>`) and by minister (byMinister:
 * `<kind>#<minister>` → `<date>#<id>`), where region and date are what the kind says they are; the
 * lists read those indexes (record-lists.ts). Intents become transaction items here.
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

  /** A guard for a record's transaction: the month is not signed off there (no item: never acted on, open). */
  const monthOpenCheck = (region: string, month: string): TransactItem => ({
    ConditionCheck: {
      TableName: deps.tableName,
      Key: monthKey(region, month),
      ConditionExpression: `attribute_not_exists(#pk) OR NOT (#state IN (${LOCKED_STATES.map((_, i) => `:locked${i}`).join(', ')}))`,
      ExpressionAttributeNames: { '#pk': TABLE_DEFINITION.partitionKey, '#state': 'state' },
      ExpressionAttributeValues: Object.fromEntries(LOCKED_STATES.map((state, i) => [`:locked${i}`, state])),
    },
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
      case 'open': return [{ item: monthOpenCheck(intent.region, intent.month) }];
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
    /** The work lists' counters, which the writes move (bulk loads add to them with `addStoredCounts`). */
    counters,

    get: <T extends FormRecord>(kind: Kind<T>, id: string) => storeOf(kind).get(id),

    /** A stored record of a kind, as a kind's plan reads it (its fingerprint noted, for a revision of it). */
    read: async <T extends FormRecord>(kind: Kind<T>, id: string): Promise<T | undefined> => {
      const stored = await storeOf(kind).get(id);
      if (stored?.fingerprint) fingerprints.set(stored.record, stored.fingerprint);
      return stored?.record;
    },

    holderOf: (key: HeldKey) => held.holderOf(key),

    trail: trailReader(deps).trail,

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

  };
}

export type RecordRepository = ReturnType<typeof recordRepository>;
