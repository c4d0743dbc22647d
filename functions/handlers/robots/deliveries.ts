import { robotDeps } from '#functions/robot-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ROBOT_ROUTES } from '#functions/robot-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RobotDeps } from '#functions/use-cases/deps.ts';
import { listDeliveries } from '#functions/use-cases/robots/read-deliveries.ts';

export const handlerWith = (deps: () => RobotDeps) => httpHandler(routeIn(ROBOT_ROUTES, 'GET /deliveries'), async ({ query }) =>
  ({ status: 200, body: await listDeliveries(deps(), query) }));

export const handler = handlerWith(robotDeps);
