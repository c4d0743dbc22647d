import type { StoreDeps } from '#functions/adapters/record-store.ts';
import type { Account } from '#functions/ports/accounts.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { PROVINCE_CODE } from '#schemas/regions.ts';

/**
 * What the local sign-in stand-in reads of our own directory: every account, to list on its page,
 * and one by username, read afresh at each sign-in and refresh so a disabled account is refused
 * as on AWS.
 */
export interface SignInAccounts {
  list(): Promise<Account[]>;
  get(username: string): Promise<Account | undefined>;
}

export function tableSignInAccounts(store: StoreDeps): SignInAccounts {
  const directory = accountRepository(store);
  return {
    async list() {
      const all: Account[] = [];
      let cursor: string | undefined;
      do {
        const page = await directory.list({ region: PROVINCE_CODE, limit: 500, cursor });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
    get: (username) => directory.get(username),
  };
}
