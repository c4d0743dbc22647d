import {
  type DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput, TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION, type IndexName } from '#functions/table.ts';
import type { ChangeEntry, Page, VersionedRecord, WriteOutcome } from '#functions/ports/records.ts';
import { changeItem, CHANGE_SK_PREFIX, entryOf, readChange } from '#functions/items/change.ts';
import { readRecord, recordItem, recordKey } from '#functions/items/record.ts';
import { ServiceUnavailableError } from '#schemas/errors.ts';
import { cancellationReasons, guarded } from './dynamodb-errors.ts';
import { decodeCursor, encodeCursor, type Key } from './cursor.ts';



export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface StoreDeps {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** How one kind of record is keyed beyond its primary key. */
export interface RecordKindSpec<T> {
  kind: string;
  /** Index attributes (gsi1pk, gsi1sk, …) derived from the record. */
  indexKeys(record: T): Record<string, string>;
  /** Index attributes of its change entries beyond byDay's (none by default). */
  changeIndexKeys?(change: ChangeEntry<T>): Record<string, string>;
}

/** An item written in the same transaction as a record (a guard, a pointer, a linked record, …). */
export interface WritePart {
  item: TransactItem;
  /**
   * It may be written in a transaction of its own, ahead of the record, when the record's
   * transaction is full: only for items that are harmless without the record.
   */
  mayGoAhead?: boolean;
}



/** A DynamoDB filter expression with its own names and values (placeholders must not clash). */
export interface ListFilter {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface PageRequest {
  index: IndexName;
  partition: string;
  /** begins_with on the index sort key. */
  sortPrefix?: string;
  /** Inclusive range on the index sort key. */
  sortBetween?: [string, string];
  /** Conditions on the items read, all of which must hold. */
  filters?: ListFilter[];
  limit: number;
  cursor?: string;
}

export type { ChangeEntry, Page, VersionedRecord, WriteOutcome };
export { changeItem };

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;
/** Reads per list request, so a selective filter over a long history cannot run away. */
const MAX_QUERY_CALLS = 10;
const CONFLICT_RETRIES = 3;
/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;



/**
 * Runs a transaction; concurrent transactions on the same items (TransactionConflict) are retried
 * briefly, and condition failures come back as the indices of the items whose condition failed.
 */
export async function transact(deps: StoreDeps, items: TransactItem[]): Promise<{ ok: true } | { ok: false; failed: number[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await guarded(() => deps.client.send(new TransactWriteCommand({ TransactItems: items })));
      return { ok: true };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length) return { ok: false, failed };
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= CONFLICT_RETRIES) throw new ServiceUnavailableError(1);
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}


export function recordStore<T extends VersionedRecord>(deps: StoreDeps, spec: RecordKindSpec<T>) {
  const { client, tableName } = deps;
  const pk = (id: string) => recordKey(spec.kind, id)[PK];

  const recordPut = (record: T, condition: { expression: string; values?: Record<string, unknown> }, fingerprint?: string): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: recordItem(spec.kind, record, spec.indexKeys(record), fingerprint),
      ConditionExpression: condition.expression,
      ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
    },
  });

  const changePut = (id: string, change: ChangeEntry<T>): TransactItem => ({
    Put: { TableName: tableName, Item: changeItem(spec.kind, id, change, spec.changeIndexKeys?.(change)), ConditionExpression: `attribute_not_exists(${PK})` },
  });

  /**
   * The record and its change entry with their parts in one transaction. Parts that may go ahead
   * and do not fit are written first, in transactions of their own.
   */
  async function write(own: TransactItem[], parts: WritePart[]): Promise<WriteOutcome> {
    const room = MAX_TRANSACTION_ITEMS - own.length;
    const inline = parts.flatMap((p, i) => (p.mayGoAhead ? [] : [i]));
    const ahead: number[] = [];
    parts.forEach((p, i) => {
      if (p.mayGoAhead) (inline.length < room ? inline : ahead).push(i);
    });
    if (inline.length > room) throw new Error(`${spec.kind}: ${inline.length} parts do not fit one transaction`);
    for (let i = 0; i < ahead.length; i += MAX_TRANSACTION_ITEMS) {
      const chunk = ahead.slice(i, i + MAX_TRANSACTION_ITEMS);
      const result = await transact(deps, chunk.map((p) => parts[p].item));
      if (!result.ok) return { ok: false, record: false, parts: result.failed.map((f) => chunk[f]) };
    }
    const result = await transact(deps, [...own, ...inline.map((p) => parts[p].item)]);
    if (result.ok) return result;
    return {
      ok: false,
      record: result.failed.some((f) => f < own.length),
      parts: result.failed.filter((f) => f >= own.length).map((f) => inline[f - own.length]),
    };
  }

  const versionIs = (expectedVersion: number) => ({ expression: 'version = :expected', values: { ':expected': expectedVersion } });

  return {
    kind: spec.kind,
    pk,

    async get(id: string): Promise<{ record: T; fingerprint?: string } | undefined> {
      const { Item } = await guarded(() =>
        client.send(new GetCommand({ TableName: tableName, Key: recordKey(spec.kind, id), ConsistentRead: true })),
      );
      return Item ? readRecord<T>(spec.kind, Item) : undefined;
    },

    /** A new record and its first change; fails (record: true) if the id is taken. */
    create(args: { record: T; change: ChangeEntry<T>; fingerprint: string; parts?: WritePart[] }) {
      const { record, change, fingerprint, parts = [] } = args;
      return write([recordPut(record, { expression: `attribute_not_exists(${PK})` }, fingerprint), changePut(record.id, change)], parts);
    },

    /** The next version of a record; fails (record: true) unless the stored version is `expectedVersion`. */
    replace(args: { record: T; expectedVersion: number; change: ChangeEntry<T>; fingerprint?: string; parts?: WritePart[] }) {
      const { record, expectedVersion, change, fingerprint, parts = [] } = args;
      return write([recordPut(record, versionIs(expectedVersion), fingerprint), changePut(record.id, change)], parts);
    },

    /** The next version of a record as parts of another record's transaction (a link both ways). */
    replaceParts(args: { record: T; expectedVersion: number; change: ChangeEntry<T>; fingerprint?: string }): TransactItem[] {
      return [recordPut(args.record, versionIs(args.expectedVersion), args.fingerprint), changePut(args.record.id, args.change)];
    },

    /** The table key of a record. */
    keyOf: (id: string) => recordKey(spec.kind, id),

    /** A guard for another kind's transaction: this record must exist. */
    existsCheck(id: string): TransactItem {
      return { ConditionCheck: { TableName: tableName, Key: recordKey(spec.kind, id), ConditionExpression: `attribute_exists(${PK})` } };
    },

    async history(id: string): Promise<ChangeEntry<T>[]> {
      const entries: ChangeEntry<T>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await guarded(() =>
          client.send(new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :change)',
            ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
            ExpressionAttributeValues: { ':pk': pk(id), ':change': CHANGE_SK_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          })),
        );
        for (const item of res.Items ?? []) entries.push(entryOf(readChange<T>(item)));
        start = res.LastEvaluatedKey;
      } while (start);
      return entries;
    },

    /** One page from an index, filled up to `limit` even when a filter drops items. */
    page: (request: PageRequest): Promise<Page<T>> => indexPage<T>(deps, spec.kind, request),
  };
}

export type RecordStore<T extends VersionedRecord> = ReturnType<typeof recordStore<T>>;

/** One page of `kind`'s records from an index, filled up to `limit` even when a filter drops items. */
export async function indexPage<T extends VersionedRecord>(deps: StoreDeps, kind: string, request: PageRequest): Promise<Page<T>> {
  const { client, tableName } = deps;
  const index = TABLE_DEFINITION.indexes.find((i) => i.name === request.index)!;
  const keyAttributes = [PK, SK, index.partitionKey, index.sortKey];
  const filters = request.filters ?? [];
  const names: Record<string, string> = { '#ipk': index.partitionKey, '#isk': index.sortKey, ...Object.assign({}, ...filters.map((f) => f.names)) };
  const values: Record<string, unknown> = { ':ipk': request.partition, ...Object.assign({}, ...filters.map((f) => f.values)) };
  let keyCondition = '#ipk = :ipk';
  if (request.sortPrefix !== undefined) {
    keyCondition += ' AND begins_with(#isk, :prefix)';
    values[':prefix'] = request.sortPrefix;
  } else if (request.sortBetween) {
    keyCondition += ' AND #isk BETWEEN :lo AND :hi';
    [values[':lo'], values[':hi']] = request.sortBetween;
  }
  // Every key attribute of an item read from this index is a string (see table.ts).
  const keyOf = (item: Record<string, unknown>): Key => Object.fromEntries(keyAttributes.map((k) => [k, String(item[k])]));
  const items: T[] = [];
  // A cursor from another list (or made up) must lie where this query reads, or DynamoDB refuses the query.
  const inRange = (key: Key) => {
    const sort = key[index.sortKey];
    if (request.sortPrefix !== undefined) return sort.startsWith(request.sortPrefix);
    if (request.sortBetween) return sort >= request.sortBetween[0] && sort <= request.sortBetween[1];
    return true;
  };
  let start: Record<string, unknown> | undefined = decodeCursor(request.cursor, keyAttributes, { [index.partitionKey]: request.partition }, inRange);
  for (let call = 0; call < MAX_QUERY_CALLS; call++) {
    const input: QueryCommandInput = {
      TableName: tableName,
      IndexName: index.name,
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(filters.length ? { FilterExpression: filters.map((f) => `(${f.expression})`).join(' AND ') } : {}),
      // Unfiltered reads need exactly what is left; filtered ones read ahead to fill the page in fewer calls.
      Limit: filters.length ? Math.max(request.limit - items.length, 100) : request.limit - items.length + 1,
      ExclusiveStartKey: start,
    };
    const res = await guarded(() => client.send(new QueryCommand(input)));
    const batch = res.Items ?? [];
    for (const item of batch) {
      items.push(readRecord<T>(kind, item).record);
      if (items.length === request.limit) {
        const more = item !== batch.at(-1) || res.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(keyOf(item)) : null };
      }
    }
    if (!res.LastEvaluatedKey) return { items, nextCursor: null };
    start = res.LastEvaluatedKey;
  }
  return { items, nextCursor: start ? encodeCursor(keyOf(start)) : null };
}
