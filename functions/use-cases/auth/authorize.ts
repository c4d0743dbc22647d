import type { AccountDirectory, TokenVerifier } from '#functions/ports/accounts.ts';
import { findRegion } from '#schemas/regions.ts';
import type { Grants } from '#functions/auth/caller.ts';

export interface AuthorizeDeps {
  verify: TokenVerifier;
  accounts: Pick<AccountDirectory, 'get'>;
  /** The token's claim that names an account (`sub` unless the deploy says another: `phone_number`, an employee number). */
  accountClaim: string;
}

/**
 * Who a bearer token of the trusted issuer is here: the grants of the account its claim names, or
 * undefined (401) for a token the issuer did not sign for us, an account we do not have, a disabled
 * one, or one whose region is not Qinghai's. The grants have the shape the JWT authorizer's claims
 * give on the other path, so no handler knows which path a caller came by.
 */
export async function authorize(deps: AuthorizeDeps, authorization: string | undefined): Promise<Grants | undefined> {
  const token = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!token) return undefined;
  const claims = await deps.verify(token);
  const username = claims?.[deps.accountClaim];
  if (typeof username !== 'string' || username === '' || typeof claims?.sub !== 'string') return undefined;
  const account = await deps.accounts.get(username);
  if (!account?.enabled || !findRegion(account.region)) return undefined;
  return {
    sub: claims.sub,
    role: account.role,
    region: account.region,
    name: account.name,
    ...(account.ministerId ? { ministerId: account.ministerId } : {}),
  };
}
