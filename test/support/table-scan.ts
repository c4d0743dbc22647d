import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** The key of one stored item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * Every item's key in a test table, read straight from DynamoDB (not through the API), for tests
 * that check what was or was not written: records are `<kind>#<id>` / `record`, change entries
 * `<kind>#<id>` / `change#…`, visit slots `visit-slot#…`, suggestion pointers `suggestion#…`.
 */
export async function scanKeys(client: DynamoDBDocumentClient, tableName: string): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({
      TableName: tableName,
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** `<kind>#<id>` of every stored record and minister (items whose sort key is `record`). */
export async function storedRecords(client: DynamoDBDocumentClient, tableName: string): Promise<Set<string>> {
  return new Set((await scanKeys(client, tableName)).filter((k) => k.sk === 'record').map((k) => k.pk));
}

/** How many of `records` (as from storedRecords) are of each kind. */
export function countByKind(records: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pk of records) {
    const kind = pk.slice(0, pk.indexOf('#'));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}
