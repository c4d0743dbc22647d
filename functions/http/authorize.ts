import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '#schemas/errors.ts';
import type { RouteSpec } from '#functions/routes.ts';
import { type Caller, callerOf } from '#functions/auth/caller.ts';
import { mayUse } from '#functions/auth/policy.ts';

/**
 * A signed-in route needs a caller this API knows (401) whose role has the route's permission
 * (403), before anything about the request itself is looked at. Public routes have no caller.
 */
export function authorize(route: Pick<RouteSpec, 'auth' | 'permission'>, event: APIGatewayProxyEventV2): Caller | undefined {
  if (route.auth === 'public') return undefined;
  const caller = callerOf(event);
  if (!caller) throw new UnauthorizedError();
  if (!route.permission || !mayUse(caller, route.permission)) throw new ForbiddenError();
  return caller;
}

/** The caller of a signed-in route's request: authorize() answered 401 before the handler otherwise. */
export function signedIn(actor: { caller?: Caller }): Caller {
  if (!actor.caller) throw new UnauthorizedError();
  return actor.caller;
}
