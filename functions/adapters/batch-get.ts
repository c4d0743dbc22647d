import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { guarded } from './dynamodb-errors.ts';

/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;

export interface BatchGetOptions {
  /** Only these attributes of each item (the keys are not added: name them if they are needed). */
  attributes?: readonly string[];
  /** Read what was last written (a rename just made), at twice the read capacity. */
  consistent?: boolean;
}

/**
 * The stored items of these table keys, in no particular order (a key never stored: no item), read
 * 100 keys a call, all calls at once; keys DynamoDB leaves unprocessed are asked again after a pause.
 */
export async function batchGet(deps: { client: DynamoDBDocumentClient; tableName: string }, keys: readonly Record<string, unknown>[], options: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const { client, tableName } = deps;
  const { attributes, consistent } = options;
  // Attribute names go through placeholders: `name` and others are reserved words in expressions.
  const projection = attributes?.length
    ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) }
    : {};
  const chunks = Array.from({ length: Math.ceil(keys.length / BATCH_GET_KEYS) }, (_, i) => keys.slice(i * BATCH_GET_KEYS, (i + 1) * BATCH_GET_KEYS));
  const read = await Promise.all(chunks.map(async (chunk) => {
    const items: Record<string, unknown>[] = [];
    let wanted: Record<string, unknown>[] | undefined = [...chunk];
    for (let attempt = 0; wanted?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
      const asked: Record<string, unknown>[] = wanted;
      const res: BatchGetCommandOutput = await guarded(() => client.send(new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: asked, ...projection, ...(consistent ? { ConsistentRead: true } : {}) } },
      })));
      items.push(...(res.Responses?.[tableName] ?? []));
      wanted = res.UnprocessedKeys?.[tableName]?.Keys;
    }
    return items;
  }));
  return read.flat();
}
