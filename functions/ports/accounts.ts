import type { Role } from '#schemas/access.ts';

/**
 * An account of our own directory (用户管理): what a person signed in by another OpenID Connect
 * issuer may do here. `username` is the value of the issuer's claim the deploy names (its subject,
 * or a phone or employee number the token carries).
 */
export interface Account {
  username: string;
  name: string;
  role: Role;
  /** A GB/T 2260 code of any level: what the account may see and act on. */
  region: string;
  /** For a head or a head's staff: the minister whose records they report. */
  ministerId?: string;
  phone?: string;
  enabled: boolean;
  updatedAt: string;
}

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
