import {
  type DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput, TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '#schemas/time.ts';
import type { ChangeAction, ChangeReason } from '#schemas/form.ts';
import { indexKey, KEY_ATTRIBUTES, TABLE_DEFINITION, type IndexName } from '#functions/table.ts';
import { ServiceUnavailableError } from '#schemas/errors.ts';
import { cancellationReasons, guarded } from './dynamodb-errors.ts';
import { decodeCursor, encodeCursor, type Key } from './cursor.ts';

export interface VersionedRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One entry of the append-only trail, written in the same transaction as the record it describes. */
export interface ChangeEntry<T> {
  version: number;
  action: ChangeAction;
  /** Why it did more than its action asked (a correction that sent a decision back). */
  reason?: ChangeReason;
  at: string;
  /** The token subject of whoever made the change. */
  by: string;
  /** What a person knows them by, as it was when they made it (absent on entries written before names were kept). */
  byName?: string;
  requestId: string;
  before: T | null;
  after: T;
}

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

export type WriteOutcome =
  | { ok: true }
  /** Whether the record's own condition failed, and which parts (by index) had theirs fail. */
  | { ok: false; record: boolean; parts: number[] };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;
const RECORD_SK = 'record';
/** Stored beside a record's fields for the store's own use; never part of the record. */
const NON_RECORD_ATTRIBUTES = new Set([...KEY_ATTRIBUTES, 'kind', 'fingerprint', 'listDate', 'searchText']);
/** Reads per list request, so a selective filter over a long history cannot run away. */
const MAX_QUERY_CALLS = 10;
const CONFLICT_RETRIES = 3;
/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

const changeSortKey = (version: number) => `change#${String(version).padStart(6, '0')}`;

export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_RECORD_ATTRIBUTES.has(k))) as T;
}

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

/** A change entry as stored: beside its record, and in the byDay index under the Beijing day it was received. */
export function changeItem<T>(kind: string, id: string, change: ChangeEntry<T>): Record<string, unknown> {
  return {
    [PK]: `${kind}#${id}`, [SK]: changeSortKey(change.version), kind: `${kind}-change`, recordId: id, ...change,
    // The rollup reads a day's changes by the Beijing day they were received (index byDay).
    ...indexKey('byDay', `day#${beijingDate(Date.parse(change.at))}`, `${change.at}#${kind}#${id}#${change.version}`),
  };
}

export function recordStore<T extends VersionedRecord>(deps: StoreDeps, spec: RecordKindSpec<T>) {
  const { client, tableName } = deps;
  const pk = (id: string) => `${spec.kind}#${id}`;

  const recordPut = (record: T, condition: { expression: string; values?: Record<string, unknown> }, fingerprint?: string): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: { ...record, ...spec.indexKeys(record), [PK]: pk(record.id), [SK]: RECORD_SK, kind: spec.kind, ...(fingerprint ? { fingerprint } : {}) },
      ConditionExpression: condition.expression,
      ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
    },
  });

  const changePut = (id: string, change: ChangeEntry<T>): TransactItem => ({
    Put: { TableName: tableName, Item: { ...changeItem(spec.kind, id, change), ...spec.changeIndexKeys?.(change) }, ConditionExpression: `attribute_not_exists(${PK})` },
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
        client.send(new GetCommand({ TableName: tableName, Key: { [PK]: pk(id), [SK]: RECORD_SK }, ConsistentRead: true })),
      );
      return Item ? { record: stripKeys<T>(Item), fingerprint: Item.fingerprint as string | undefined } : undefined;
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
    keyOf: (id: string) => ({ [PK]: pk(id), [SK]: RECORD_SK }),

    /** A guard for another kind's transaction: this record must exist. */
    existsCheck(id: string): TransactItem {
      return { ConditionCheck: { TableName: tableName, Key: { [PK]: pk(id), [SK]: RECORD_SK }, ConditionExpression: `attribute_exists(${PK})` } };
    },

    async history(id: string): Promise<ChangeEntry<T>[]> {
      const entries: ChangeEntry<T>[] = [];
      let start: Key | undefined;
      do {
        const res = await guarded(() =>
          client.send(new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :change)',
            ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
            ExpressionAttributeValues: { ':pk': pk(id), ':change': 'change#' },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          })),
        );
        for (const item of res.Items ?? []) {
          const { version, action, reason, at, by, byName, requestId, before, after } = item as ChangeEntry<T>;
          entries.push({ version, action, ...(reason ? { reason } : {}), at, by, ...(byName ? { byName } : {}), requestId, before, after });
        }
        start = res.LastEvaluatedKey as Key | undefined;
      } while (start);
      return entries;
    },

    /** One page from an index, filled up to `limit` even when a filter drops items. */
    async page(request: PageRequest): Promise<Page<T>> {
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
      const keyOf = (item: Record<string, unknown>) => Object.fromEntries(keyAttributes.map((k) => [k, item[k] as string]));
      const items: T[] = [];
      // A cursor from another list (or made up) must lie where this query reads, or DynamoDB refuses the query.
      const inRange = (key: Key) => {
        const sort = key[index.sortKey];
        if (request.sortPrefix !== undefined) return sort.startsWith(request.sortPrefix);
        if (request.sortBetween) return sort >= request.sortBetween[0] && sort <= request.sortBetween[1];
        return true;
      };
      let start = decodeCursor(request.cursor, keyAttributes, { [index.partitionKey]: request.partition }, inRange);
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
          items.push(stripKeys<T>(item));
          if (items.length === request.limit) {
            const more = item !== batch.at(-1) || res.LastEvaluatedKey !== undefined;
            return { items, nextCursor: more ? encodeCursor(keyOf(item)) : null };
          }
        }
        if (!res.LastEvaluatedKey) return { items, nextCursor: null };
        start = res.LastEvaluatedKey as Key;
      }
      return { items, nextCursor: start ? encodeCursor(start) : null };
    },
  };
}

export type RecordStore<T extends VersionedRecord> = ReturnType<typeof recordStore<T>>;
