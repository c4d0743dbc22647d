import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import { guarded } from './dynamodb-errors.ts';

/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;

/**
 * The stored items of these table keys, in no particular order (a key never stored: no item), read
 * 100 keys a call, all calls at once; keys DynamoDB leaves unprocessed are asked again after a pause.
 * `read` says how beside the keys: a projection, a consistent read.
 */
export async function batchGet(deps: { client: DynamoDBDocumentClient; tableName: string }, keys: readonly Record<string, unknown>[], read: Omit<KeysAndAttributes, 'Keys'> = {}): Promise<Record<string, unknown>[]> {
  const { client, tableName } = deps;
  const chunks = Array.from({ length: Math.ceil(keys.length / BATCH_GET_KEYS) }, (_, i) => keys.slice(i * BATCH_GET_KEYS, (i + 1) * BATCH_GET_KEYS));
  const items = await Promise.all(chunks.map(async (chunk) => {
    const found: Record<string, unknown>[] = [];
    let wanted: Record<string, unknown>[] | undefined = chunk;
    for (let attempt = 0; wanted?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
      const asked: Record<string, unknown>[] = wanted;
      const res: BatchGetCommandOutput = await guarded(() => client.send(new BatchGetCommand({ RequestItems: { [tableName]: { ...read, Keys: asked } } })));
      found.push(...(res.Responses?.[tableName] ?? []));
      wanted = res.UnprocessedKeys?.[tableName]?.Keys;
    }
    return found;
  }));
  return items.flat();
}
