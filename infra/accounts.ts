import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { ENV } from '#functions/config.ts';
import { ACCOUNT_ROUTES } from '#functions/account-routes.ts';
import { COGNITO_ACCOUNT_ACTIONS } from '#functions/adapters/cognito-accounts.ts';
import type { ApiFunction } from './api-function.ts';

/** The handler modules of 用户管理: where a user pool exists, they keep the accounts in it. */
export const ACCOUNT_HANDLERS: ReadonlySet<string> = new Set(ACCOUNT_ROUTES.map((route) => route.handler));

/**
 * An accounts function of the global profile: the pool's id in its environment (the function then
 * uses the pool's admin API, not the table's directory) and exactly the admin actions it calls, on
 * that pool only. The China profile has no pool; there the table's access the routes declare suffices.
 */
export function grantAccountPool(fn: ApiFunction, pool: IUserPool): void {
  fn.function.addEnvironment(ENV.userPoolId, pool.userPoolId);
  fn.role.addToPrincipalPolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: COGNITO_ACCOUNT_ACTIONS.map((action) => `cognito-idp:${action}`), resources: [pool.userPoolArn],
  }));
}
