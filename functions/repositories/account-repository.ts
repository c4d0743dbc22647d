import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { regionContains } from '#schemas/regions.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '#functions/adapters/cursor.ts';
import { ACCOUNTS_PARTITION, accountItem, accountKey, readAccount } from '#functions/items/account.ts';
import type { Account, AccountDirectory } from '#functions/ports/accounts.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** Our own directory's accounts in the table. */
export function accountRepository({ client, tableName }: StoreDeps): AccountDirectory {
  return {
    async get(username) {
      // Consistent: an account disabled a moment ago must not sign in on a stale copy.
      const { Item } = await guarded(() => client.send(new GetCommand({ TableName: tableName, Key: accountKey(username), ConsistentRead: true })));
      return Item ? readAccount(Item) : undefined;
    },
    async put(account) {
      await guarded(() => client.send(new PutCommand({ TableName: tableName, Item: accountItem(account) })));
    },
    // By username; the region and role filter within the one partition (a few hundred accounts).
    async list({ region, roles, limit, cursor }) {
      const after = decodeSortKeyCursor(cursor, (sk) => sk.length <= 128);
      const items: Account[] = [];
      let start: Record<string, unknown> | undefined = after === undefined ? undefined : { [PK]: ACCOUNTS_PARTITION, [SK]: after };
      do {
        const page = await guarded(() => client.send(new QueryCommand({
          TableName: tableName, KeyConditionExpression: '#pk = :pk', ExclusiveStartKey: start, Limit: 200,
          ExpressionAttributeNames: { '#pk': PK }, ExpressionAttributeValues: { ':pk': ACCOUNTS_PARTITION },
        })));
        for (const raw of page.Items ?? []) {
          const account = readAccount(raw);
          if ((roles !== undefined && !roles.includes(account.role)) || !regionContains(region, account.region)) continue;
          items.push(account);
          if (items.length === limit) return { items, nextCursor: encodeSortKeyCursor(account.username) };
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return { items, nextCursor: null };
    },
  };
}
