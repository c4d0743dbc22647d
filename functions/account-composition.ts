import { accountConfig, tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { cognitoAccounts, cognitoJsonCall } from './adapters/cognito-accounts.ts';
import { accountRepository } from './repositories/account-repository.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import type { AccountDeps } from './use-cases/deps.ts';

let built: AccountDeps | undefined;

/**
 * The accounts functions' dependencies, built on first use: the user pool's admin API where the
 * deploy has one (USER_POOL_ID, the global profile), else our own directory in the table (the China
 * profile, and locally). The heads are in the table either way.
 */
export const accountDeps = (): AccountDeps => {
  if (built) return built;
  const config = accountConfig();
  const store = tableStore(tableConfig());
  const accounts = config.USER_POOL_ID === undefined
    ? accountRepository(store)
    : cognitoAccounts(cognitoJsonCall(config.AWS_REGION), config.USER_POOL_ID);
  built = { accounts, ministers: ministerRepository(store), clock: systemClock };
  return built;
};
