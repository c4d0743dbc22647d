import { ForbiddenError, NotFoundError, ValidationError } from '#schemas/errors.ts';
import type { AccountInput, AccountListQuery } from '#schemas/accounts.ts';
import { PROVINCE_CODE, regionContains } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import { assertMayManageAccount, mayManageAccount, rolesManagedBy } from '#functions/auth/account-policy.ts';
import type { Account } from '#functions/ports/accounts.ts';
import type { Page } from '#functions/ports/records.ts';
import type { AccountDeps } from '../deps.ts';

/** An account the caller may manage (404 otherwise: one outside their reach is not shown to exist). */
export async function getAccount(deps: Pick<AccountDeps, 'accounts'>, username: string, caller?: Caller): Promise<Account> {
  const account = await deps.accounts.get(username);
  if (!account || !mayManageAccount(caller, account)) throw new NotFoundError({ zh: '没有这个账号', en: 'No such account' });
  return account;
}

/** The accounts of a region within the caller's (403 outside it; without one, the caller's own), of the roles they manage. */
export function listAccounts(deps: Pick<AccountDeps, 'accounts'>, query: AccountListQuery, caller?: Caller): Promise<Page<Account>> {
  const managed = rolesManagedBy(caller);
  if (query.role !== undefined && managed !== undefined && !managed.includes(query.role)) {
    throw new ForbiddenError({ zh: '工作人员只能查看填报人和工作人员的账号', en: 'Staff see submitter and staff accounts only' });
  }
  const region = caller ? regionInReach(caller, query.region) : query.region ?? PROVINCE_CODE;
  const roles = query.role !== undefined ? [query.role] : managed;
  return deps.accounts.list({ region, limit: query.limit, ...(roles ? { roles } : {}), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
}

const ministerIssue = (key: 'account.ministerUnknown' | 'account.ministerOutside') => ({ path: 'ministerId', issue: { code: 'custom', params: { key } } });

/**
 * Create or replace an account:
 * 1. the caller must manage both the account as it was and as it will be (a staff member neither
 *    takes over an admin's account nor moves one out of their region), else 403;
 * 2. a head it serves must be stored, within the account's region (422 at ministerId);
 * 3. a new region or head takes effect at the account's next sign-in (its tokens carry the old).
 */
export async function putAccount(deps: AccountDeps, username: string, input: AccountInput, caller?: Caller): Promise<{ account: Account; created: boolean }> {
  assertMayManageAccount(caller, input);
  const before = await deps.accounts.get(username);
  if (before) assertMayManageAccount(caller, before);
  if (input.ministerId !== undefined) {
    const minister = await deps.ministers.get(input.ministerId);
    if (!minister) throw new ValidationError(undefined, [ministerIssue('account.ministerUnknown')]);
    if (!regionContains(input.region, minister.regionCode)) throw new ValidationError(undefined, [ministerIssue('account.ministerOutside')]);
  }
  const account: Account = {
    username, name: input.name, role: input.role, region: input.region, enabled: input.enabled, updatedAt: deps.clock.now().toISOString(),
    ...(input.ministerId === undefined ? {} : { ministerId: input.ministerId }),
    ...(input.phone === undefined ? {} : { phone: input.phone }),
  };
  await deps.accounts.put(account);
  return { account, created: before === undefined };
}
