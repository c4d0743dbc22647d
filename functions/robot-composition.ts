import { robotConfig, tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { fileRobotSecrets } from './adapters/file-robot-secrets.ts';
import { ssmJsonCall } from './adapters/ssm-json.ts';
import { ssmRobotSecrets } from './adapters/ssm-robot-secrets.ts';
import { deliveryLog, robotRepository } from './repositories/robot-repository.ts';
import { robotBacklog, robotBudget } from './repositories/robot-pacing-repository.ts';
import type { RobotSecrets } from './ports/robots.ts';
import { fetchRobotPoster } from './adapters/robot-poster.ts';
import type { RobotDeliveryDeps, RobotDeps } from './use-cases/deps.ts';

let built: RobotDeps | undefined;

/** A function not given the credentials (reading a robot, the log) has no store; touching one is a bug, said plainly. */
const noSecrets: RobotSecrets = {
  put: () => Promise.reject(new Error('this function has no access to robot secrets (see infra/robots.ts)')),
  get: () => Promise.reject(new Error('this function has no access to robot secrets (see infra/robots.ts)')),
  delete: () => Promise.reject(new Error('this function has no access to robot secrets (see infra/robots.ts)')),
};

function secretsOf(config: ReturnType<typeof robotConfig>): RobotSecrets {
  if (config.ROBOT_SECRETS_FILE !== undefined) return fileRobotSecrets(config.ROBOT_SECRETS_FILE);
  if (config.ROBOT_PARAMETER_PREFIX !== undefined) return ssmRobotSecrets(ssmJsonCall(config.AWS_REGION), config.ROBOT_PARAMETER_PREFIX);
  return noSecrets;
}

/** The robots functions' dependencies, built on first use (see composition.ts). */
export const robotDeps = (): RobotDeps => {
  if (built) return built;
  const config = robotConfig();
  const store = tableStore(tableConfig());
  built = {
    robots: robotRepository(store), deliveries: deliveryLog(store), secrets: secretsOf(config), clock: systemClock,
    ...(config.ROBOT_RECEIVER_ORIGIN === undefined ? {} : { receiverOrigin: new URL(config.ROBOT_RECEIVER_ORIGIN).origin }),
  };
  return built;
};

let delivery: RobotDeliveryDeps | undefined;

/** Posting to robots (the decision notices' function): the same robots and store, the real post, real waits. */
export const robotDeliveryDeps = (): RobotDeliveryDeps => {
  if (delivery) return delivery;
  const { robots, deliveries, secrets, clock } = robotDeps();
  const store = tableStore(tableConfig());
  delivery = {
    robots, deliveries, secrets, clock, post: fetchRobotPoster, budget: robotBudget(store), backlog: robotBacklog(store),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  return delivery;
};
