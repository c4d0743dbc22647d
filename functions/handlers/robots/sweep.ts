import middy from '@middy/core';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { logger } from '#functions/http/observability.ts';
import { robotDeliveryDeps } from '#functions/robot-composition.ts';
import type { RobotDeliveryDeps } from '#functions/use-cases/deps.ts';
import { sweepRobotBacklogs } from '#functions/use-cases/robots/sweep-robot-backlogs.ts';

/**
 * Every minute (EventBridge Scheduler on AWS; `npm start`'s timer locally): posts what waited for a
 * robot's budget. A failed post is logged as its delivery and throws nothing; an unreadable table
 * throws, and the next minute's run picks up the same backlog.
 */
export const handlerWith = (deps: () => RobotDeliveryDeps) => middy(async (): Promise<{ posted: number }> => {
  const posted = await sweepRobotBacklogs(deps());
  if (posted.length) logger.info('robot backlogs posted', { count: posted.length, failed: posted.filter((d) => d.status === 'failed').length });
  return { posted: posted.length };
}).use(injectLambdaContext(logger, { resetKeys: true }));

export const handler = handlerWith(robotDeliveryDeps);
