import type { Role } from '#schemas/access.ts';
import type { Account } from '#schemas/accounts.ts';

/**
 * An account of our own directory (用户管理), as the API answers it (`schemas/accounts.ts`): what a
 * person signed in by another OpenID Connect issuer may do here. `username` is the value of the
 * issuer's claim the deploy names (its subject, or a phone or employee number the token carries).
 */
export type { Account };

/** A page of accounts: those of `region` and below, of the roles given (all when none), by username. */
export interface AccountQuery {
  region: string;
  roles?: readonly Role[];
  limit: number;
  cursor?: string;
}

/**
 * The accounts, by username: our own table (the China profile, locally) or the user pool (global).
 * `put` creates or replaces; a disabled account keeps its grants but signs in no more.
 */
export interface AccountDirectory {
  get(username: string): Promise<Account | undefined>;
  put(account: Account): Promise<void>;
  list(query: AccountQuery): Promise<{ items: Account[]; nextCursor: string | null }>;
}

/** A token's claims once its signature, issuer, audience and times are checked. */
export type Claims = Record<string, unknown>;

/** Checks a bearer token of one OpenID Connect issuer: its claims, or undefined for any token it does not accept. */
export type TokenVerifier = (token: string) => Promise<Claims | undefined>;
