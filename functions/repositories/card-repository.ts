import { BatchWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays, beijingDate } from '#schemas/time.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { ReceivedChange, ReceivedTrailEntry } from '#functions/ports/records.ts';
import type { RecordVersion, VersionKey } from '#functions/ports/rollups.ts';
import { changeKey } from '#functions/items/change.ts';
import { trailPartition } from '#functions/items/trail.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import { queryAll as queryEvery } from '#functions/adapters/query-all.ts';
import { batchGet } from '#functions/adapters/batch-get.ts';
import type { HeadCard } from '#functions/rollup/card.ts';
import {
  cardItem, cardKey, CHANGE_HEADS_PROJECTION, readCard, readChangeHeads, readReceivedTrailEntry, readVersion, RECEIVED_TRAIL_PROJECTION, VERSION_PROJECTION,
} from '#functions/items/card.ts';

/** BatchWriteItem takes this many puts. */
const PUT_BATCH = 25;
/** Versions read at once: 16 BatchGetItem calls of 100 keys. */
const VERSIONS_AT_ONCE = 1600;

const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));

/**
 * The heads' cards the nightly keeps (items/card.ts), and what moves them, as the scorecards read them:
 * no writes in their bundle.
 */
export function cardReader({ client, tableName }: StoreDeps) {
  const queryAll = (input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) => queryEvery({ client, tableName }, input);
  const [byDay, byMinister] = (['byDay', 'byMinister'] as const).map((name) => TABLE_DEFINITION.indexes.find((i) => i.name === name)!);
  return {
    /**
     * The change entries received in a span, from the byDay index (each Beijing day's partition, in
     * the order received): what the heads' cards move over, one query a day rather than one a head.
     */
    async changesReceived(from: string, endExclusive: string): Promise<ReceivedChange[]> {
      const days: string[] = [];
      for (let day = beijingDate(Date.parse(from)); day <= beijingDate(Date.parse(endExclusive) - 1); day = addDays(day, 1)) days.push(day);
      const pages = await Promise.all(days.map((day) => queryAll({
        IndexName: byDay.name,
        // A sort key is never the bare instant (`<at>#<kind>#…`): BETWEEN reads from `from` up to, not including, the end.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :end',
        ProjectionExpression: CHANGE_HEADS_PROJECTION.expression,
        ExpressionAttributeNames: { '#pk': byDay.partitionKey, '#sk': byDay.sortKey, ...CHANGE_HEADS_PROJECTION.names },
        ExpressionAttributeValues: { ':pk': `day#${day}`, ':from': from, ':end': endExclusive },
      })));
      return pages.flat().map(readChangeHeads);
    },

    /** The record's own partition holds every item of its trails (change entries and markers): those in the head's two partitions. */
    async recordTrail(kind: string, id: string, ministerId: string, year: number): Promise<ReceivedTrailEntry[]> {
      const items = await queryAll({
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#trail IN (:year, :older)',
        ProjectionExpression: RECEIVED_TRAIL_PROJECTION.expression,
        ExpressionAttributeNames: { '#pk': TABLE_DEFINITION.partitionKey, '#trail': byMinister.partitionKey, ...RECEIVED_TRAIL_PROJECTION.names },
        ExpressionAttributeValues: { ':pk': `${kind}#${id}`, ':year': trailPartition(ministerId, String(year)), ':older': trailPartition(ministerId) },
      });
      return items.map(readReceivedTrailEntry);
    },

    async versions(keys: readonly VersionKey[]): Promise<RecordVersion[]> {
      const read = { ProjectionExpression: VERSION_PROJECTION.expression, ExpressionAttributeNames: VERSION_PROJECTION.names };
      const versions: RecordVersion[] = [];
      for (let i = 0; i < keys.length; i += VERSIONS_AT_ONCE) {
        const items = await batchGet({ client, tableName }, keys.slice(i, i + VERSIONS_AT_ONCE).map((key) => changeKey(key.kind, key.recordId, key.version)), read);
        versions.push(...items.map(readVersion));
      }
      return versions;
    },

    /** The cards of these heads for a year, by head id (a head never carded: none). */
    async get(year: number, ministerIds: readonly string[]): Promise<Map<string, HeadCard>> {
      const cards = new Map<string, HeadCard>();
      for (const item of await batchGet({ client, tableName }, ministerIds.map((id) => cardKey(year, id)))) {
        const card = readCard(item);
        cards.set(card.ministerId, card);
      }
      return cards;
    },
  };
}

/** The cards as the nightly reads and writes them. */
export function cardRepository(store: StoreDeps) {
  const { client, tableName } = store;
  return {
    ...cardReader(store),
    async put(cards: readonly HeadCard[]): Promise<void> {
      for (let i = 0; i < cards.length; i += PUT_BATCH) {
        let requests = cards.slice(i, i + PUT_BATCH).map((card) => ({ PutRequest: { Item: cardItem(card) } }));
        for (let attempt = 0; requests.length; attempt++) {
          if (attempt > 0) await backOff(attempt);
          const res = await guarded(() => client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } })));
          requests = (res.UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []));
        }
      }
    },
  };
}
