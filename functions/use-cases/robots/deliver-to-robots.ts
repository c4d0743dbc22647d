import { regionContains } from '#schemas/regions.ts';
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF_MS, deliveryId, mergedMarkdown, type RobotLine } from '#functions/domain/robot-deliveries.ts';
import { robotMessageBody, robotPostUrl } from '#functions/domain/robots.ts';
import type { Delivery, RobotSetting } from '#functions/ports/robots.ts';
import type { RobotDeliveryDeps } from '../deps.ts';

/** Notices to post, each with the region it concerns (a record's county, a region's staff). */
export interface RegionLine extends RobotLine {
  regionCode: string;
}

/**
 * Posts what fell due (the minute's decision notices, or a day's digest) to the robots:
 * 1. each robot takes the lines of its region and the regions within it, merged into one message,
 *    so a robot gets one post per run whatever the run brings (under its 20 a minute);
 * 2. each robot is posted to on its own: one down, slow or refusing delays or blocks no other;
 * 3. a post is tried three times, waiting longer each time; each attempt is logged (retrying, then
 *    sent or failed), and a failure ends there: the notices stay in the app.
 * Answers the deliveries as they ended.
 */
export async function deliverToRobots(deps: RobotDeliveryDeps, heading: string, lines: readonly RegionLine[]): Promise<Delivery[]> {
  const robots = await deps.robots.all();
  const due = robots
    .map((robot) => ({ robot, lines: lines.filter((line) => regionContains(robot.regionCode, line.regionCode)) }))
    .filter((batch) => batch.lines.length > 0);
  return Promise.all(due.map(({ robot, lines: mine }) => deliverOne(deps, robot, heading, mine).catch(async (error: unknown): Promise<Delivery> => {
    // Its credential or its log unreadable: this robot's delivery fails, the others' go on.
    const failed: Delivery = {
      id: deliveryId(robot.regionCode, mine.map((l) => l.id)), regionCode: robot.regionCode, status: 'failed', attempts: 0,
      lastAnswer: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'failed', createdAt: deps.clock.now().toISOString(),
    };
    await deps.deliveries.put(failed).catch(() => undefined);
    return failed;
  })));
}

async function deliverOne(deps: RobotDeliveryDeps, robot: RobotSetting, heading: string, lines: readonly RobotLine[]): Promise<Delivery> {
  const delivery: Delivery = {
    id: deliveryId(robot.regionCode, lines.map((l) => l.id)), regionCode: robot.regionCode, status: 'retrying', attempts: 0, lastAnswer: '',
    createdAt: deps.clock.now().toISOString(),
  };
  const credential = await deps.secrets.get(robot.regionCode);
  if (!credential) {
    const failed: Delivery = { ...delivery, status: 'failed', lastAnswer: 'no credential stored for this robot' };
    await deps.deliveries.put(failed);
    return failed;
  }
  const body = robotMessageBody(robot.type, heading, mergedMarkdown(robot.type, heading, lines));
  let current = delivery;
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt += 1) {
    // Signed afresh each attempt: DingTalk refuses a timestamp an hour old.
    const { ok, answer } = await deps.post(robotPostUrl(robot.type, credential.url, credential.secret, deps.clock.now().getTime()), body);
    current = { ...current, attempts: attempt, lastAnswer: answer, status: ok ? 'sent' : attempt === DELIVERY_ATTEMPTS ? 'failed' : 'retrying' };
    await deps.deliveries.put(current);
    if (ok) break;
    if (attempt < DELIVERY_ATTEMPTS) await deps.sleep(DELIVERY_BACKOFF_MS[attempt - 1]);
  }
  return current;
}
