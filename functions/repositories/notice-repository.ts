import {
  BatchWriteCommand, type BatchWriteCommandOutput, GetCommand, PutCommand, QueryCommand,
  type QueryCommandInput, TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Notice, NoticeRuleSetting } from '#schemas/notices.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { cancellationReasons, guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '#functions/adapters/cursor.ts';
import { type NewNotice, noticeId } from '#functions/domain/notices.ts';
import type { NoticeReader, NoticeRepository } from '#functions/ports/notices.ts';
import type { Page } from '#functions/ports/records.ts';
import {
  KEY_TOP, keyAbove, noticeIdKey, noticeItems, noticeRulesItem, noticeRulesKey, noticesPartition, type ReadCursor, readCursorOf,
  readerCursorItem, readerCursorKey, readerPartition, readHeldNotice, readMarkItem, readMarkSortKey, readNotice, readNoticeRules,
  readReadMark, type StoredNotice,
} from '#functions/items/notice.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLE_DEFINITION;
/** DynamoDB's limit of items in one BatchWriteItem. */
const BATCH_WRITE_ITEMS = 25;
/** Ids checked at once (16 BatchGets) when a delivery asks which notices were made before. */
const HELD_CHECKED_AT_ONCE = 16 * 100;
/** Notices written at once by one delivery (each its own two-item transaction). */
const DELIVERY_CONCURRENCY = 8;

/** A page resumes after the sort key of the last notice answered: `<createdAt>#<id>`. */
const NOTICE_SORT_KEY = /^\d{4}-\d\d-\d\dT[\d:.]+Z#[A-Za-z0-9_-]{22}$/;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function noticeRepository(deps: StoreDeps): NoticeRepository {
  const { client, tableName } = deps;

  const readCursor = async (sub: string): Promise<ReadCursor> =>
    readCursorOf((await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: readerCursorKey(sub), ConsistentRead: true })))).Item);

  /** Every page of a query, or its count alone (`Select: COUNT`). */
  async function queryAll(input: QueryCommandInput, onItem: (item: Record<string, unknown>) => void): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const res = await guarded(() => client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })));
      count += res.Count ?? 0;
      for (const item of res.Items ?? []) onItem(item);
      start = res.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /** Notice sort keys in `[lo, hi]` of one addressee, not expired. */
  const noticeRange = (addressee: string, lo: string, hi: string, now: string): QueryCommandInput => ({
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
    FilterExpression: '#ttl > :now',
    ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#ttl': TTL },
    ExpressionAttributeValues: { ':pk': noticesPartition(addressee), ':lo': lo, ':hi': hi, ':now': epochSeconds(now) },
  });

  /** The reader's marks on notices after their cursor, of their addressees, not expired: by notice sort key. */
  async function marksAfter(reader: NoticeReader, readTo: string, now: string): Promise<Map<string, string>> {
    const marks = new Map<string, string>();
    if (!reader.addressees.length) return marks;
    const addressees = Object.fromEntries(reader.addressees.map((a, i) => [`:a${i}`, a]));
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
      FilterExpression: `#ttl > :now AND addressee IN (${Object.keys(addressees).join(', ')})`,
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#ttl': TTL },
      ExpressionAttributeValues: { ':pk': readerPartition(reader.sub), ':lo': readMarkSortKey(keyAbove(readTo)), ':hi': readMarkSortKey(KEY_TOP), ':now': epochSeconds(now), ...addressees },
    }, (item) => {
      const mark = readReadMark(item);
      marks.set(mark.noticeSk, mark.readAt);
    });
    return marks;
  }

  /** One addressee's notices in `[lo, hi]`, newest first, read a page at a time as the merge asks. */
  async function* newestFirst(addressee: string, lo: string, hi: string, now: string, pageSize: number): AsyncGenerator<StoredNotice> {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await guarded(() => client.send(new QueryCommand({ ...noticeRange(addressee, lo, hi, now), ScanIndexForward: false, Limit: pageSize, ExclusiveStartKey: start })));
      for (const item of res.Items ?? []) yield readNotice(item);
      start = res.LastEvaluatedKey;
    } while (start);
  }

  async function deliverOne(notice: NewNotice): Promise<string | undefined> {
    const { id, notice: item, held } = noticeItems(notice);
    try {
      await guarded(() => client.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: held, ConditionExpression: `attribute_not_exists(${PK})` } },
          { Put: { TableName: tableName, Item: item } },
        ],
      })));
      return id;
    } catch (error) {
      // The id is held: this cause made its notice before (a redelivered event, a rerun of a day).
      if (cancellationReasons(error)?.[0]?.Code === 'ConditionalCheckFailed') return undefined;
      throw error;
    }
  }

  async function batchWrite(items: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH_WRITE_ITEMS) {
      let requests: NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string] | undefined =
        items.slice(i, i + BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests?.length; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
        const asked: NonNullable<typeof requests> = requests;
        const res: BatchWriteCommandOutput = await guarded(() => client.send(new BatchWriteCommand({ RequestItems: { [tableName]: asked } })));
        requests = res.UnprocessedItems?.[tableName];
      }
    }
  }

  /** The notices held under these ids (each asked once), by the shared BatchGet: 100 keys a call, all at once. */
  const heldNotices = async (ids: readonly string[]) => (await batchGet(deps, [...new Set(ids)].map(noticeIdKey))).map(readHeldNotice);

  return {
    async deliver(notices) {
      // Most of a day's notices were made on an earlier day (a condition that still stands): which
      // ids are held is read a hundred at a time, and only the rest are tried, each in its transaction.
      const ids = notices.map(noticeId);
      const held = new Set<string>();
      for (let i = 0; i < ids.length; i += HELD_CHECKED_AT_ONCE) {
        for (const h of await heldNotices(ids.slice(i, i + HELD_CHECKED_AT_ONCE))) held.add(h.sk.slice(h.sk.lastIndexOf('#') + 1));
      }
      const fresh = notices.filter((_, i) => !held.has(ids[i]));
      const stored: string[] = [];
      for (let i = 0; i < fresh.length; i += DELIVERY_CONCURRENCY) {
        const made = await Promise.all(fresh.slice(i, i + DELIVERY_CONCURRENCY).map(deliverOne));
        stored.push(...made.filter((id): id is string => id !== undefined));
      }
      return stored;
    },

    async page(reader, request): Promise<Page<Notice>> {
      if (!reader.addressees.length) return { items: [], nextCursor: null };
      const before = decodeSortKeyCursor(request.cursor, (sk) => NOTICE_SORT_KEY.test(sk));
      const cursor = await readCursor(reader.sub);
      const marks = await marksAfter(reader, cursor.readTo, request.now);
      const lo = request.unread ? keyAbove(cursor.readTo) : '0';
      const hi = before ?? KEY_TOP;
      // Merged newest first across the reader's addressees (a head's and a region's, for some).
      const streams = reader.addressees.map((a) => newestFirst(a, lo, hi, request.now, request.limit + 1));
      const heads = await Promise.all(streams.map((s) => s.next()));
      const items: Notice[] = [];
      let lastSk = '';
      for (;;) {
        let newest = -1;
        heads.forEach((head, i) => {
          if (!head.done && (newest < 0 || head.value.sk > (heads[newest].value as StoredNotice).sk)) newest = i;
        });
        if (newest < 0) return { items, nextCursor: null };
        const { value: stored } = heads[newest] as IteratorYieldResult<StoredNotice>;
        heads[newest] = await streams[newest].next();
        if (stored.sk === before) continue;
        const readAt = stored.sk <= cursor.readTo ? cursor.readAt : (marks.get(stored.sk) ?? null);
        if (request.unread && readAt !== null) continue;
        // One more to answer: this page is full and there is a next one.
        if (items.length === request.limit) return { items, nextCursor: encodeSortKeyCursor(lastSk) };
        items.push({ ...stored.notice, readAt });
        lastSk = stored.sk;
      }
    },

    async unreadCount(reader, now) {
      const { readTo } = await readCursor(reader.sub);
      const [counts, marks] = await Promise.all([
        Promise.all(reader.addressees.map((a) => queryAll({ ...noticeRange(a, keyAbove(readTo), KEY_TOP, now), Select: 'COUNT' }, () => {}))),
        marksAfter(reader, readTo, now),
      ]);
      return Math.max(0, counts.reduce((a, b) => a + b, 0) - marks.size);
    },

    async markRead(reader, ids, now) {
      if (!reader.addressees.length) return;
      const cursor = await readCursor(reader.sub);
      if (ids === undefined) {
        // Up to the newest notice there is (not the clock): one written a moment later stays unread.
        const newest = await Promise.all(reader.addressees.map(async (a) =>
          (await guarded(() => client.send(new QueryCommand({ ...noticeRange(a, keyAbove(cursor.readTo), KEY_TOP, now), ScanIndexForward: false, Limit: 1 })))).Items?.[0]));
        const readTo = newest.map((item) => (item ? String(item[SK]) : '')).reduce((a, b) => (b > a ? b : a), cursor.readTo);
        if (readTo === cursor.readTo) return;
        await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: readerCursorItem(reader.sub, { readTo, readAt: now }) })));
        return;
      }
      const mine = new Set(reader.addressees);
      const marks = await marksAfter(reader, cursor.readTo, now);
      const unread = (await heldNotices(ids)).filter((n) => mine.has(n.addressee) && n.sk > cursor.readTo && !marks.has(n.sk));
      await batchWrite(unread.map((n) => readMarkItem(reader.sub, n, now)));
    },

    async rules() {
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: noticeRulesKey, ConsistentRead: true })));
      return Item ? readNoticeRules(Item) : [];
    },

    async putRules(rules: readonly NoticeRuleSetting[], now: string) {
      await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: noticeRulesItem([...rules], now) })));
    },
  };
}
