import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { BranchEntry } from '#schemas/branch.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { Term } from '#schemas/minister.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { queryAll as queryEvery } from '#functions/adapters/query-all.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import { COUNTING_RULES, emptyState, normalizeState, type RegionState, REGISTRY_KIND } from '#functions/rollup/figures.ts';
import type { Change, RollupState } from '#functions/rollup/fold.ts';
import type { Snapshot } from '#functions/rollup/snapshot.ts';
import { CHANGE_SUFFIX, readCountedChange } from '#functions/items/change.ts';
import { MINISTER_KIND, readMinisterTerms } from '#functions/items/minister.ts';
import { closedDayItem, closedDayKey, CLOSED_DAYS_PARTITION, readClosedDay } from '#functions/items/rollup-day.ts';
import { closedStateItem, closedStateKey, closedStatePartition, provisionalStateItem, provisionalStateKey, readState } from '#functions/items/rollup-state.ts';
import { readSnapshot, snapshotItem, snapshotPartition } from '#functions/items/snapshot.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

const BATCH = 25;
/** Parallel scan segments of a full rebuild. */
const SCAN_SEGMENTS = 4;

/**
 * What the rollup stores: per closed day, each region's state (the base of the next night's fold)
 * and a marker that the day is closed; per region and day, the snapshot readers fetch.
 */
export function rollupRepository(deps: StoreDeps) {
  const { client, tableName } = deps;

  const queryAll = (input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) => queryEvery(deps, input);

  async function writeAll(items: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      let requests = items.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        const res = await guarded(() => client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } })));
        requests = (res.UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []));
        if (requests.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  }

  /** The filter that keeps the change entries of `kinds` (`visit-change`, `branch-change`, …), not those of ministers. */
  const ofKinds = (kinds: readonly string[]) => ({
    expression: `#kind IN (${kinds.map((_, i) => `:kind${i}`).join(', ')})`,
    values: Object.fromEntries(kinds.map((kind, i) => [`:kind${i}`, `${kind}${CHANGE_SUFFIX}`])),
  });
  const toChange = (item: Record<string, unknown>): Change => {
    if (item.kind === `${REGISTRY_KIND}${CHANGE_SUFFIX}`) {
      const { recordId, version, at, before, after } = readCountedChange<BranchEntry>(item);
      return { kind: REGISTRY_KIND, registry: true, recordId, version, at, before, after };
    }
    const { kind, recordId, version, at, before, after } = readCountedChange<FormRecord>(item);
    return { kind, recordId, version, at, before, after };
  };

  return {
    /** A day's changes of records of `kinds`, by the Beijing day they were received. */
    async changesOfDay(date: string, kinds: readonly string[]): Promise<Change[]> {
      const filter = ofKinds(kinds);
      const index = TABLE_DEFINITION.indexes.find((i) => i.name === 'byDay')!;
      const items = await queryAll({
        IndexName: index.name,
        KeyConditionExpression: '#pk = :day',
        FilterExpression: filter.expression,
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#kind': 'kind' },
        ExpressionAttributeValues: { ':day': `day#${date}`, ...filter.values },
      });
      return items.map(toChange);
    },

    /**
     * Every change of records of `kinds` received before `endExclusive` (ISO instant), without the
     * version before (a rebuild counts each record's latest version alone): the full rebuild's input,
     * read by a parallel scan and handed to `onPage` a page at a time, each segment's pages in key
     * order (a record's changes together, oldest version first), so nobody holds the history.
     */
    async pageChangesBefore(endExclusive: string, kinds: readonly string[], onPage: (segment: number, changes: Change[]) => void): Promise<void> {
      const filter = ofKinds(kinds);
      const segment = async (Segment: number) => {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await guarded(() => client.send(new ScanCommand({
            TableName: tableName,
            Segment,
            TotalSegments: SCAN_SEGMENTS,
            FilterExpression: `${filter.expression} AND #at < :end`,
            ProjectionExpression: '#kind, #id, #version, #at, #after',
            ExpressionAttributeNames: { '#kind': 'kind', '#at': 'at', '#id': 'recordId', '#version': 'version', '#after': 'after' },
            ExpressionAttributeValues: { ...filter.values, ':end': endExclusive },
            ExclusiveStartKey: start,
          })));
          onPage(Segment, (res.Items ?? []).map(toChange));
          start = res.LastEvaluatedKey;
        } while (start);
      };
      await Promise.all(Array.from({ length: SCAN_SEGMENTS }, (_, i) => segment(i)));
    },

    /** Every head's terms (level and region over time), by id. */
    async ministerTerms(): Promise<Map<string, Term[]>> {
      const index = TABLE_DEFINITION.indexes.find((i) => i.name === 'byRegion')!;
      const items = await queryAll({
        IndexName: index.name,
        KeyConditionExpression: '#pk = :ministers',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':ministers': MINISTER_KIND },
      });
      return new Map(items.map(readMinisterTerms));
    },

    /**
     * The newest closed day strictly before `date`, if any, and the edition of the counting rules
     * it was closed under (none: before the rules had editions).
     */
    async lastClosedDayBefore(date: string): Promise<{ date: string; countingRules?: number } | undefined> {
      const res = await guarded(() => client.send(new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :days AND #sk < :date',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: { ':days': CLOSED_DAYS_PARTITION, ':date': date },
        ScanIndexForward: false,
        Limit: 1,
      })));
      const marker = res.Items?.[0];
      return marker && readClosedDay(marker);
    },

    async isClosed(date: string): Promise<boolean> {
      const res = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: closedDayKey(date), ConsistentRead: true })));
      return res.Item !== undefined;
    },

    /**
     * One region's state behind its newest snapshot, the one GET /summary shows: the day under way's
     * when that snapshot is provisional, else the newest closed day's (none before the first rollup).
     */
    async newestState(region: string): Promise<{ date: string; state: RegionState } | undefined> {
      const newest = await this.snapshot(region);
      if (newest?.provisional) {
        const res = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: provisionalStateKey(newest.asOf, region) })));
        // Provisional snapshots written before their states were kept: the newest closed day's.
        if (res.Item) return { date: newest.asOf, state: readState(res.Item) };
      }
      const closed = await this.lastClosedDayBefore('9999-12-31');
      if (!closed) return undefined;
      const res = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: closedStateKey(closed.date, region) })));
      return { date: closed.date, state: res.Item ? readState(res.Item) : normalizeState() };
    },

    async statesOf(date: string): Promise<RollupState> {
      const items = await queryAll({
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': closedStatePartition(date) },
        ConsistentRead: true,
      });
      // The sort key is the region (see items/rollup-state.ts).
      return new Map(items.map((i) => [String(i[SK]), readState(i)]));
    },

    /** These regions' states as of a closed day (a region nothing counted in: none). */
    async closedStates(date: string, regions: readonly string[]): Promise<RollupState> {
      const items = await batchGet(deps, regions.map((region) => closedStateKey(date, region)));
      return new Map(items.map((i) => [String(i[SK]), readState(i)]));
    },

    /**
     * A closed day: its states and snapshots first, the marker last, so a run killed halfway leaves
     * the day open and the next run simply does it again.
     */
    async closeDay(date: string, states: RollupState, snapshots: Snapshot[], closedAt: string): Promise<void> {
      await writeAll([
        ...[...states].map(([region, state]) => closedStateItem(date, region, state)),
        ...snapshots.map((s) => snapshotItem(s)),
      ]);
      await writeAll([closedDayItem(date, closedAt, COUNTING_RULES)]);
    },

    /**
     * Snapshots of a day still under way, and the state behind each (what the never-visited list
     * reads): replaced by each later run. Every snapshot's region gets its state, empty where nothing
     * counts any more, so no earlier run's is left behind; states first, so a reader who finds a
     * provisional snapshot finds its state.
     */
    async putProvisional(snapshots: Snapshot[], states: RollupState): Promise<void> {
      await writeAll(snapshots.map(({ asOf, region }) => provisionalStateItem(asOf, region.code, states.get(region.code) ?? emptyState())));
      await writeAll(snapshots.map((s) => snapshotItem(s)));
    },

    /** A region's snapshots from `from` to `to` (inclusive), oldest first. */
    async snapshots(region: string, from: string, to: string): Promise<Snapshot[]> {
      const items = await queryAll({
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: { ':pk': snapshotPartition(region), ':from': from, ':to': to },
      });
      return items.map(readSnapshot);
    },

    async snapshot(region: string, date?: string): Promise<Snapshot | undefined> {
      const res = await guarded(() => client.send(new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: date ? '#pk = :pk AND #sk = :date' : '#pk = :pk',
        // DynamoDB refuses names an expression does not use.
        ExpressionAttributeNames: { '#pk': PK, ...(date ? { '#sk': SK } : {}) },
        ExpressionAttributeValues: { ':pk': snapshotPartition(region), ...(date ? { ':date': date } : {}) },
        ScanIndexForward: false,
        Limit: 1,
      })));
      const stored = res.Items?.[0];
      return stored && readSnapshot(stored);
    },
  };
}

export type RollupRepository = ReturnType<typeof rollupRepository>;
