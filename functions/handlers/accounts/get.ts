import { accountDeps } from '#functions/account-composition.ts';
import { ACCOUNT_ROUTES } from '#functions/account-routes.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { routeIn } from '#functions/routes.ts';
import type { AccountDeps } from '#functions/use-cases/deps.ts';
import { getAccount } from '#functions/use-cases/accounts/manage-accounts.ts';

export const handlerWith = (deps: () => AccountDeps) => httpHandler(routeIn(ACCOUNT_ROUTES, 'GET /accounts/{username}'), async ({ params, actor }) =>
  ({ status: 200, body: await getAccount(deps(), params.username, actor.caller) }));

export const handler = handlerWith(accountDeps);
