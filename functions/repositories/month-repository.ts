import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { KIND_PATHS } from '#schemas/kinds/names.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { transact, type StoreDeps, type TransactItem } from '#functions/adapters/record-store.ts';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '#functions/adapters/cursor.ts';
import { monthItem, monthPartition, monthStepItem, readMonth } from '#functions/items/month.ts';
import { monthsOf } from './month-states.ts';
import type { MonthRepository, StoredMonth } from '#functions/ports/months.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;
const KIND_NAMES = Object.keys(KIND_PATHS);
const MONTH_KEY = /^\d{4}-\d\d$/;

/**
 * The months of the monthly close (items/month.ts), and the counts of a month's records, read from
 * the record indexes by date: byRegion (`<kind>` → `<region>#<date>#<id>`) and awaitingReview
 * (`review#<kind>#<province>` → `<region>#<date>#<id>`), where `<region>#<YYYY-MM>` is one
 * begins_with. So a count reads the month's records of that region code, never its history.
 */
export function monthRepository(deps: StoreDeps): MonthRepository {
  const { client, tableName } = deps;

  /** How many items of one index partition start with `prefix` (and pass `filter`), read as a count only. */
  async function count(index: string, partitionAttr: string, sortAttr: string, partition: string, prefix: string, filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> }) {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const res = await guarded(() => client.send(new QueryCommand({
        TableName: tableName, IndexName: index, Select: 'COUNT', ExclusiveStartKey: start,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ...(filter ? { FilterExpression: filter.expression } : {}),
        ExpressionAttributeNames: { '#pk': partitionAttr, '#sk': sortAttr, ...filter?.names },
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix, ...filter?.values },
      })));
      total += res.Count ?? 0;
      start = res.LastEvaluatedKey;
    } while (start);
    return total;
  }

  const [byRegion, awaiting] = ['byRegion', 'awaitingReview'].map((name) => TABLE_DEFINITION.indexes.find((i) => i.name === name)!);
  const notWithdrawn = { expression: '#status <> :withdrawn', names: { '#status': 'status' }, values: { ':withdrawn': 'withdrawn' } };

  return {
    getMany: (regions, month) => monthsOf(deps, regions.map((region) => ({ region, month }))),

    async list(region, { from, to, state, limit, cursor }) {
      const after = decodeSortKeyCursor(cursor, (sk) => MONTH_KEY.test(sk));
      const items: StoredMonth[] = [];
      let start: Record<string, unknown> | undefined = after === undefined ? undefined : { [PK]: monthPartition(region), [SK]: after };
      do {
        const res = await guarded(() => client.send(new QueryCommand({
          TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ...(state ? { FilterExpression: '#state = :state' } : {}),
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK, ...(state ? { '#state': 'state' } : {}) },
          ExpressionAttributeValues: { ':pk': monthPartition(region), ':from': from ?? '0000-00', ':to': to ?? '9999-99', ...(state ? { ':state': state } : {}) },
        })));
        for (const raw of res.Items ?? []) {
          items.push(readMonth(raw));
          if (items.length === limit) {
            const more = raw !== res.Items?.at(-1) || res.LastEvaluatedKey !== undefined;
            return { items, nextCursor: more ? encodeSortKeyCursor(String(raw[SK])) : null };
          }
        }
        start = res.LastEvaluatedKey;
      } while (start);
      return { items, nextCursor: null };
    },

    async write(steps, entry) {
      const items: TransactItem[] = steps.map(({ next, previousVersion }) => ({
        Put: {
          TableName: tableName, Item: monthItem(next),
          ...(previousVersion === 0
            ? { ConditionExpression: `attribute_not_exists(${PK})` }
            : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': previousVersion } }),
        },
      }));
      items.push({ Put: { TableName: tableName, Item: monthStepItem(entry), ConditionExpression: `attribute_not_exists(${PK})` } });
      return (await transact(deps, items)).ok;
    },

    async counts(regionCode, month) {
      const prefix = `${regionCode}#${month}`;
      const province = `${regionCode.slice(0, 2)}0000`;
      const perKind = await Promise.all(KIND_NAMES.map(async (kind) => ({
        records: await count(byRegion.name, byRegion.partitionKey, byRegion.sortKey, kind, prefix, notWithdrawn),
        awaitingReview: await count(awaiting.name, awaiting.partitionKey, awaiting.sortKey, `review#${kind}#${province}`, prefix),
      })));
      return perKind.reduce((a, b) => ({ records: a.records + b.records, awaitingReview: a.awaitingReview + b.awaitingReview }), { records: 0, awaitingReview: 0 });
    },
  };
}
