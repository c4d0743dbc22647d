import { BatchGetCommand, type BatchGetCommandOutput, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { HeadCard } from '#functions/rollup/card.ts';
import { cardItem, cardKey, readCard } from '#functions/items/card.ts';

/** BatchGetItem takes this many keys, BatchWriteItem this many puts. */
const GET_BATCH = 100;
const PUT_BATCH = 25;

const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));

/** The heads' cards the nightly keeps (items/card.ts), as the scorecards read them: no writes in their bundle. */
export function cardReader({ client, tableName }: StoreDeps) {
  return {
    /** The cards of these heads for a year, by head id (a head never carded: none). */
    async get(year: number, ministerIds: readonly string[]): Promise<Map<string, HeadCard>> {
      const cards = new Map<string, HeadCard>();
      await Promise.all(Array.from({ length: Math.ceil(ministerIds.length / GET_BATCH) }, async (_, chunk) => {
        let wanted: Record<string, unknown>[] | undefined = ministerIds.slice(chunk * GET_BATCH, (chunk + 1) * GET_BATCH).map((id) => cardKey(year, id));
        for (let attempt = 0; wanted?.length; attempt++) {
          if (attempt > 0) await backOff(attempt);
          const asked: Record<string, unknown>[] = wanted;
          const res: BatchGetCommandOutput = await guarded(() => client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: asked } } })));
          for (const item of res.Responses?.[tableName] ?? []) {
            const card = readCard(item);
            cards.set(card.ministerId, card);
          }
          wanted = res.UnprocessedKeys?.[tableName]?.Keys;
        }
      }));
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
