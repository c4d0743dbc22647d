import { robotDeps } from '#functions/robot-composition.ts';
import { httpHandler } from '#functions/http/handler.ts';
import { ROBOT_ROUTES } from '#functions/robot-routes.ts';
import { routeIn } from '#functions/routes.ts';
import type { RobotDeps } from '#functions/use-cases/deps.ts';
import { deleteRobot } from '#functions/use-cases/robots/robot-settings.ts';

export const handlerWith = (deps: () => RobotDeps) => httpHandler(routeIn(ROBOT_ROUTES, 'DELETE /robots/{regionCode}'), async ({ params }) => {
  await deleteRobot(deps(), params.regionCode);
  return { status: 204 };
});

export const handler = handlerWith(robotDeps);
