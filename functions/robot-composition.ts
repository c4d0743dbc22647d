import { robotConfig, tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { fileRobotSecrets } from './adapters/file-robot-secrets.ts';
import { ssmJsonCall } from './adapters/ssm-json.ts';
import { ssmRobotSecrets } from './adapters/ssm-robot-secrets.ts';
import { robotRepository } from './repositories/robot-repository.ts';
import type { RobotSecrets } from './ports/robots.ts';
import type { RobotDeps } from './use-cases/deps.ts';

let built: RobotDeps | undefined;

function secretsOf(config: ReturnType<typeof robotConfig>): RobotSecrets {
  if (config.ROBOT_SECRETS_FILE !== undefined) return fileRobotSecrets(config.ROBOT_SECRETS_FILE);
  // config.ts has checked that one of the two is set.
  return ssmRobotSecrets(ssmJsonCall(config.AWS_REGION), config.ROBOT_PARAMETER_PREFIX ?? '');
}

/** The robots functions' dependencies, built on first use (see composition.ts). */
export const robotDeps = (): RobotDeps => {
  if (built) return built;
  const config = robotConfig();
  built = {
    robots: robotRepository(tableStore(tableConfig())), secrets: secretsOf(config), clock: systemClock,
    ...(config.ROBOT_RECEIVER_ORIGIN === undefined ? {} : { receiverOrigin: new URL(config.ROBOT_RECEIVER_ORIGIN).origin }),
  };
  return built;
};
