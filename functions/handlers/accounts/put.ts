import { accountDeps } from '#functions/account-composition.ts';
import { ACCOUNT_ROUTES } from '#functions/account-routes.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { routeIn } from '#functions/routes.ts';
import type { AccountDeps } from '#functions/use-cases/deps.ts';
import { putAccount } from '#functions/use-cases/accounts/manage-accounts.ts';

export const handlerWith = (deps: () => AccountDeps) => httpHandler(routeIn(ACCOUNT_ROUTES, 'PUT /accounts/{username}'), async ({ params, body, actor }) => {
  const { account, created } = await putAccount(deps(), params.username, body, actor.caller);
  return { status: created ? 201 : 200, body: account };
});

export const handler = handlerWith(accountDeps);
