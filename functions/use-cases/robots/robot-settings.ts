import { NotFoundError, ValidationError } from '#schemas/errors.ts';
import type { Robot, RobotInput } from '#schemas/robots.ts';
import { maskRobotUrl, robotUrlIssues } from '#functions/domain/robots.ts';
import type { RobotDeps } from '../deps.ts';

const noRobot = () => new NotFoundError({ zh: '该地区未设置群机器人', en: 'This region has no group robot' });
const secretIssue = (key: 'robot.secretRequired' | 'robot.secretUnused') => ({ path: 'secret', issue: { code: 'custom', params: { key } } });

export async function getRobot(deps: Pick<RobotDeps, 'robots'>, regionCode: string): Promise<Robot> {
  const robot = await deps.robots.get(regionCode);
  if (!robot) throw noRobot();
  return robot;
}

/**
 * An admin sets a region's robot:
 * 1. the URL must be its vendor's webhook (https, the vendor's host and path, with its token);
 * 2. DingTalk's needs a signing secret, given now or kept from before; WeCom's has none;
 * 3. the credential goes to the encrypted store first, then the setting to the table, so a robot
 *    the table names always has its credential;
 * 4. answers the robot as shown (its token masked, the secret only as set or not), and whether it is new.
 */
export async function putRobot(deps: RobotDeps, regionCode: string, input: RobotInput): Promise<{ robot: Robot; created: boolean }> {
  const before = await deps.robots.get(regionCode);
  const kept = input.secret === undefined && input.type === 'dingtalk' && before?.type === 'dingtalk' && before.secretSet
    ? (await deps.secrets.get(regionCode))?.secret : undefined;
  const secret = input.secret ?? kept;
  const issues = robotUrlIssues(input.type, input.url, deps.receiverOrigin);
  if (input.type === 'dingtalk' && secret === undefined) issues.push(secretIssue('robot.secretRequired'));
  if (input.type === 'wecom' && input.secret !== undefined) issues.push(secretIssue('robot.secretUnused'));
  if (issues.length) throw new ValidationError(undefined, issues);

  await deps.secrets.put(regionCode, secret === undefined ? { url: input.url } : { url: input.url, secret });
  const robot: Robot = {
    regionCode, type: input.type, url: maskRobotUrl(input.type, input.url), secretSet: secret !== undefined, updatedAt: deps.clock.now().toISOString(),
  };
  await deps.robots.put(robot);
  return { robot, created: before === undefined };
}

/** An admin removes a region's robot: the setting first (nothing posts to it after), then its credential. */
export async function deleteRobot(deps: RobotDeps, regionCode: string): Promise<void> {
  if (!(await deps.robots.delete(regionCode))) throw noRobot();
  await deps.secrets.delete(regionCode);
}
