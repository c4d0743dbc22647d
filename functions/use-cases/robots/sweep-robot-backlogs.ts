import type { Delivery } from '#functions/ports/robots.ts';
import type { RobotDeliveryDeps } from '../deps.ts';
import { postPaced } from './deliver-to-robots.ts';

/** The heading of a message of notices that waited for their robot's budget. */
export const BACKLOG_HEADING = '下基层 · 顺延送达的消息';

/**
 * Every minute (on AWS an EventBridge Scheduler schedule; locally `npm start`'s timer), what waited
 * for a robot's budget goes out even when no new notice comes to carry it:
 * 1. each robot with a backlog takes the post its budget keeps for the sweep;
 * 2. what waited goes out merged in one message (deliver-to-robots.ts postPaced), each robot on its own.
 * Answers the deliveries posted.
 */
export async function sweepRobotBacklogs(deps: RobotDeliveryDeps): Promise<Delivery[]> {
  const robots = await deps.robots.all();
  const waiting = await Promise.all(robots.map(async (robot) => ((await deps.backlog.waiting(robot.regionCode)) ? [robot] : [])));
  const posted = await Promise.all(waiting.flat().map((robot) => postPaced(deps, robot, BACKLOG_HEADING, [], 'sweep')));
  return posted.filter((delivery) => delivery !== undefined);
}
