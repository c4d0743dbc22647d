import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { guarded } from '#functions/adapters/dynamodb-errors.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { accountItem, accountKey, readAccount } from '#functions/items/account.ts';
import type { AccountDirectory } from '#functions/ports/accounts.ts';

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
  };
}
