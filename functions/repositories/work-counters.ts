import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps, TransactItem } from '#functions/adapters/record-store.ts';
import { membershipsOf } from './state-lists.ts';

/**
 * How much each work list holds, kept by the writes: per region code (a county, or the prefecture
 * or province of a record placed there) in SHARDS items, each write adding its change to one chosen
 * at random in its own transaction. A count then reads a region's few items, whatever the lists
 * hold (counting a list's keys costs what it holds: 116k records made the province's count exceed
 * a function's 15 s on DynamoDB Local), and no item is one every write of a county must update: the
 * intake bench's 400 req/s to one county spread over SHARDS items.
 *
 * Attributes: `<list>#<kind>` (records awaiting review, suspected duplicates, rectified problems,
 * pending suggestions by their number), and `problems#<deadline>` for problems not rectified, so that
 * a light (a deadline against today) is counted without a write when a deadline passes.
 */
export const SHARDS = 8;

export const counterKey = (region: string, shard: number) => ({ pk: `work-count#${region}`, sk: `shard#${shard}` });

/** What one record adds to its region's counters while it stands as it does (a recount's unit: local/work-lists.ts). */
export function tallyOf<T extends FormRecord>(kind: Kind<T>, record: T): Map<string, number> {
  const tally = new Map<string, number>();
  for (const { list, order, weight } of membershipsOf(kind, record)) {
    const attribute = list === 'problems' ? `problems#${order}` : `${list}#${kind.name}`;
    tally.set(attribute, (tally.get(attribute) ?? 0) + weight);
  }
  return tally;
}

/** The change a write makes to each region's counters: what `after` adds less what `before` did (both absent: nothing). */
function deltasOf<T extends FormRecord>(kind: Kind<T>, before: T | null, after: T | null): Map<string, Map<string, number>> {
  const deltas = new Map<string, Map<string, number>>();
  const add = (record: T, sign: number) => {
    const region = kind.regionOf(record);
    const delta = deltas.get(region) ?? new Map<string, number>();
    for (const [attribute, n] of tallyOf(kind, record)) delta.set(attribute, (delta.get(attribute) ?? 0) + sign * n);
    deltas.set(region, delta);
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  for (const [region, delta] of deltas) {
    for (const [attribute, n] of delta) if (n === 0) delta.delete(attribute);
    if (delta.size === 0) deltas.delete(region);
  }
  return deltas;
}

function addition(tableName: string, region: string, delta: Map<string, number>, shard: number) {
  const entries = [...delta];
  return {
    TableName: tableName,
    Key: counterKey(region, shard),
    UpdateExpression: `ADD ${entries.map((_, i) => `#a${i} :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([attribute], i) => [`#a${i}`, attribute])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:v${i}`, n])),
  };
}

export function workCounters(deps: StoreDeps) {
  const { tableName } = deps;

  return {
    /** The transaction items that move the counters as a record goes from `before` to `after`. */
    parts<T extends FormRecord>(kind: Kind<T>, before: T | null, after: T): TransactItem[] {
      return [...deltasOf(kind, before, after)].map(([region, delta]) => ({ Update: addition(tableName, region, delta, Math.floor(Math.random() * SHARDS)) }));
    },
  };
}

/**
 * Counts records stored without their transactions (bulk loads: the reads bench, tests of long
 * lists), spread over the shards as one write each would have spread them. A function of its own,
 * so that no deployed bundle carries it.
 */
export async function addStoredCounts<T extends FormRecord>(deps: StoreDeps, kind: Kind<T>, records: readonly T[]): Promise<void> {
  const totals = new Map<string, { region: string; shard: number; total: Map<string, number> }>();
  for (const [i, record] of records.entries()) {
    const shard = i % SHARDS;
    for (const [region, delta] of deltasOf(kind, null, record)) {
      const at = totals.get(`${region}#${shard}`) ?? { region, shard, total: new Map<string, number>() };
      for (const [attribute, n] of delta) at.total.set(attribute, (at.total.get(attribute) ?? 0) + n);
      totals.set(`${region}#${shard}`, at);
    }
  }
  // A few at a time: hundreds of large updates at once time out on a busy machine.
  const updates = [...totals.values()];
  for (let i = 0; i < updates.length; i += 16) {
    await Promise.all(updates.slice(i, i + 16).map(({ region, shard, total }) => guarded(() => deps.client.send(new UpdateCommand(addition(deps.tableName, region, total, shard))))));
  }
}

export type WorkCounters = ReturnType<typeof workCounters>;

/**
 * The counters of these region codes, each summed over its shards (a code never counted: none): the
 * read side, apart from the writes' `workCounters` so that a write function carries none of it.
 */
export function workCounts(deps: StoreDeps) {
  return async (regions: readonly string[]): Promise<Map<string, Map<string, number>>> => {
    const keys = regions.flatMap((region) => Array.from({ length: SHARDS }, (_, shard) => counterKey(region, shard)));
    const sums = new Map<string, Map<string, number>>();
    for (const item of await batchGet(deps, keys)) {
      const region = String(item.pk).slice('work-count#'.length);
      const sum = sums.get(region) ?? new Map<string, number>();
      for (const [attribute, n] of Object.entries(item)) if (typeof n === 'number') sum.set(attribute, (sum.get(attribute) ?? 0) + n);
      sums.set(region, sum);
    }
    return sums;
  };
}
