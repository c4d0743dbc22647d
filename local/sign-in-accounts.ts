import { queryAll } from '#functions/adapters/query-all.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { ACCOUNTS_PARTITION, readAccount } from '#functions/items/account.ts';
import type { Account } from '#functions/ports/accounts.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';

/**
 * What the local sign-in stand-in reads of our own directory: every account, to list on its page,
 * and one by username, read afresh at each sign-in and refresh so a disabled account is refused
 * as on AWS. A few hundred accounts: the whole partition is one small query.
 */
export interface SignInAccounts {
  list(): Promise<Account[]>;
  get(username: string): Promise<Account | undefined>;
}

export function tableSignInAccounts(store: StoreDeps): SignInAccounts {
  const directory = accountRepository(store);
  return {
    async list() {
      const items = await queryAll(store, {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_DEFINITION.partitionKey },
        ExpressionAttributeValues: { ':pk': ACCOUNTS_PARTITION },
      });
      return items.map(readAccount);
    },
    get: (username) => directory.get(username),
  };
}
