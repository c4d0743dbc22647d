import { regionContains } from '#schemas/regions.ts';
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF_MS, deliveryId, mergedMarkdown, type RobotLine } from '#functions/domain/robot-deliveries.ts';
import { BACKLOG_CLAIM, budgetBound, minuteBefore, minuteOf } from '#functions/domain/robot-pacing.ts';
import { ROBOT_POSTS_PER_MINUTE, robotMessageBody, robotPostUrl } from '#functions/domain/robots.ts';
import type { Delivery, RobotSetting } from '#functions/ports/robots.ts';
import type { RobotDeliveryDeps } from '../deps.ts';

/** Notices to post, each with the region it concerns (a record's county, a region's staff). */
export interface RegionLine extends RobotLine {
  regionCode: string;
}

/** Who posts: an ordinary post (of the minute's notices or a digest) or the per-minute sweep of what waited. */
export type Poster = 'fresh' | 'sweep';

/**
 * Posts what fell due (the minute's decision notices, or a day's digest) to the robots:
 * 1. each robot takes the lines of its region and the regions within it, merged into one message;
 * 2. each robot is posted to on its own, within its budget of posts a minute (postPaced): one down,
 *    slow or refusing delays or blocks no other;
 * 3. what a robot's spent budget holds back waits, and goes out merged with its next post or sweep.
 * Answers the deliveries posted now, as they ended.
 */
export async function deliverToRobots(deps: RobotDeliveryDeps, heading: string, lines: readonly RegionLine[]): Promise<Delivery[]> {
  const robots = await deps.robots.all();
  const due = robots
    .map((robot) => ({ robot, lines: lines.filter((line) => regionContains(robot.regionCode, line.regionCode)) }))
    .filter((batch) => batch.lines.length > 0);
  const posted = await Promise.all(due.map(({ robot, lines: mine }) => postPaced(deps, robot, heading, mine, 'fresh')));
  return posted.filter((delivery) => delivery !== undefined);
}

/** Takes one post of the robot's budget now, if the minute (and the one before) leave room. */
async function takeTurn(deps: RobotDeliveryDeps, robot: RobotSetting, poster: Poster): Promise<boolean> {
  const now = deps.clock.now();
  const before = await deps.budget.spent(robot.regionCode, minuteBefore(now));
  return deps.budget.take(robot.regionCode, minuteOf(now), budgetBound(ROBOT_POSTS_PER_MINUTE[robot.type], before, poster === 'sweep'));
}

/**
 * One robot's post, paced by the budget every function shares (budget in the table):
 * 1. no post left this minute: the lines wait in the robot's backlog (once each, by notice id), and
 *    the answer is no delivery;
 * 2. a post taken: it carries what waited (taken away from the backlog, so no other post carries it)
 *    with the new lines, one message;
 * 3. tried three times, waiting longer each time, each attempt a post of the budget; each attempt is
 *    logged (retrying, then sent or failed). A failure ends there: the notices stay in the app. A
 *    retry the budget has no room for puts the lines back to wait, and logs this delivery failed.
 * A store that cannot be read fails this robot's delivery only (logged), never the others'.
 */
export async function postPaced(deps: RobotDeliveryDeps, robot: RobotSetting, heading: string, lines: readonly RobotLine[], poster: Poster): Promise<Delivery | undefined> {
  let carried: RobotLine[] = [];
  try {
    if (!(await takeTurn(deps, robot, poster))) {
      if (lines.length) await deps.backlog.add(robot.regionCode, lines, deps.clock.now().toISOString());
      return undefined;
    }
    const waited = await deps.backlog.claim(robot.regionCode, BACKLOG_CLAIM);
    const fresh = lines.filter((line) => !waited.some((w) => w.id === line.id));
    carried = [...waited, ...fresh];
    // A sweep that lost the backlog to a post a moment earlier has nothing to say: its post goes unused.
    if (!carried.length) return undefined;
    return await deliverOne(deps, robot, heading, carried, poster);
  } catch (error) {
    // Its budget, backlog, credential or log unreadable: this robot's delivery fails, the others' go on.
    const all = carried.length ? carried : lines;
    const failed: Delivery = {
      id: deliveryId(robot.regionCode, all.map((l) => l.id)), regionCode: robot.regionCode, status: 'failed', attempts: 0,
      lastAnswer: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'failed', createdAt: deps.clock.now().toISOString(),
    };
    await deps.deliveries.put(failed).catch(() => undefined);
    return failed;
  }
}

async function deliverOne(deps: RobotDeliveryDeps, robot: RobotSetting, heading: string, lines: readonly RobotLine[], poster: Poster): Promise<Delivery> {
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
    if (attempt > 1 && !(await takeTurn(deps, robot, poster))) {
      await deps.backlog.add(robot.regionCode, lines, deps.clock.now().toISOString());
      current = { ...current, status: 'failed', lastAnswer: `${current.lastAnswer}; no post left this minute to retry: its notices wait for the robot's next post`.slice(0, 300) };
      await deps.deliveries.put(current);
      break;
    }
    // Signed afresh each attempt: DingTalk refuses a timestamp an hour old.
    const { ok, answer } = await deps.post(robotPostUrl(robot.type, credential.url, credential.secret, deps.clock.now().getTime()), body);
    current = { ...current, attempts: attempt, lastAnswer: answer, status: ok ? 'sent' : attempt === DELIVERY_ATTEMPTS ? 'failed' : 'retrying' };
    await deps.deliveries.put(current);
    if (ok) break;
    if (attempt < DELIVERY_ATTEMPTS) await deps.sleep(DELIVERY_BACKOFF_MS[attempt - 1]);
  }
  return current;
}
