import * as z from 'zod/mini';
import { ROLES } from '#schemas/access.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { Account } from '#functions/ports/accounts.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * An account of our own directory: `accounts` / `<username>`, item kind `account`. One partition holds
 * them all (a few hundred people), so a region's list is one query; the authorizer reads one by key.
 */
export const ACCOUNTS_PARTITION = 'accounts';
export const accountKey = (username: string) => ({ [PK]: ACCOUNTS_PARTITION, [SK]: username });

export const accountItem = (account: Account): RawItem => ({ ...accountKey(account.username), kind: 'account', ...account });

const storedAccountSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(Object.keys(ROLES) as [keyof typeof ROLES, ...(keyof typeof ROLES)[]]),
  region: z.string(),
  ministerId: z.optional(z.string()),
  phone: z.optional(z.string()),
  enabled: z.boolean(),
  updatedAt: z.string(),
});

export function readAccount(raw: RawItem): Account {
  const { username, name, role, region, ministerId, phone, enabled, updatedAt } = parseItem('account', storedAccountSchema, raw);
  return { username, name, role, region, enabled, updatedAt, ...(ministerId ? { ministerId } : {}), ...(phone ? { phone } : {}) };
}
