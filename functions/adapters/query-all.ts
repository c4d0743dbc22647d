import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { guarded } from './dynamodb-errors.ts';
import type { StoreDeps } from './record-store.ts';

/** Every item a query finds, page after page (for reads whose answer is known to be small). */
export async function queryAll({ client, tableName }: StoreDeps, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await guarded(() => client.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: start })));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}
