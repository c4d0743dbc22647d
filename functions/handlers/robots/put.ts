import { robotDeps } from '#functions/robot-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ROBOT_ROUTES } from '#functions/robot-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RobotDeps } from '#functions/use-cases/deps.ts';
import { putRobot } from '#functions/use-cases/robots/robot-settings.ts';

export const handlerWith = (deps: () => RobotDeps) => httpHandler(routeIn(ROBOT_ROUTES, 'PUT /robots/{regionCode}'), async ({ params, body }) => {
  const { robot, created } = await putRobot(deps(), params.regionCode, body);
  return { status: created ? 201 : 200, body: robot };
});

export const handler = handlerWith(robotDeps);
