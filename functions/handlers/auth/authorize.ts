import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorizeDeps } from '#functions/auth-composition.ts';
import type { Grants } from '#functions/auth/caller.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger } from '#functions/http/observability.ts';
import type { AuthorizeDeps } from '#functions/use-cases/auth/authorize.ts';
import { authorize } from '#functions/use-cases/auth/authorize.ts';

type Answer = APIGatewaySimpleAuthorizerWithContextResult<Grants | Record<string, never>>;

/**
 * The directory's authorizer (the China profile, where there is no user pool): API Gateway calls it
 * with the request's Authorization header, keeps its answer for that header a few minutes, and
 * passes the grants to the route as `requestContext.authorizer.lambda` (functions/auth/caller.ts).
 * A token it cannot accept is a 403 from API Gateway before any route's function runs; the issuer
 * being unreachable is an error (API Gateway answers 500 and the function's error alarm fires).
 */
export const handlerWith = (deps: () => AuthorizeDeps) => middy(async (event: APIGatewayRequestAuthorizerEventV2): Promise<Answer> => {
  const grants = await authorize(deps(), event.headers?.authorization);
  if (!grants) logger.info('token not accepted', { route: event.routeKey });
  return grants ? { isAuthorized: true, context: grants } : { isAuthorized: false, context: {} };
}).use(injectLambdaContext(logger, { resetKeys: true }));

/** Not a route: the authorizer the China profile puts in front of every signed-in route (infra/api-stack.ts). */
export const handler = handlerWith(authorizeDeps);
