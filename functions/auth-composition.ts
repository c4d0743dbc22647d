import { oidcConfig, tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { oidcVerifier } from './adapters/oidc-tokens.ts';
import { accountRepository } from './repositories/account-repository.ts';
import type { AuthorizeDeps } from './use-cases/auth/authorize.ts';

let built: AuthorizeDeps | undefined;

/** The directory authorizer's dependencies, built on first use and kept warm: the issuer's keys are fetched once. */
export const authorizeDeps = (): AuthorizeDeps => {
  if (built) return built;
  const config = oidcConfig();
  built = {
    verify: oidcVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE.split(',').map((a) => a.trim()).filter(Boolean) }),
    accounts: accountRepository(tableStore(tableConfig())),
    accountClaim: config.OIDC_ACCOUNT_CLAIM,
  };
  return built;
};
