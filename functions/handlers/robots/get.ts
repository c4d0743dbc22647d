import { robotDeps } from '#functions/robot-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ROBOT_ROUTES } from '#functions/robot-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RobotDeps } from '#functions/use-cases/deps.ts';
import { getRobot } from '#functions/use-cases/robots/robot-settings.ts';

export const handlerWith = (deps: () => RobotDeps) => httpHandler(routeIn(ROBOT_ROUTES, 'GET /robots/{regionCode}'), async ({ params }) =>
  ({ status: 200, body: await getRobot(deps(), params.regionCode) }));

export const handler = handlerWith(robotDeps);
