import { Arn, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ENV } from '#functions/config.ts';
import { acknowledgeRobotParameters } from '#infra/nag-acknowledgements.ts';
import type { ApiFunction } from './api-function.ts';

/**
 * Where robots' credentials live on AWS: one SecureString parameter of SSM Parameter Store per
 * region under this path, encrypted with the account's AWS-managed `aws/ssm` KMS key (whose key
 * policy lets SSM use it for the account's principals, so no KMS grant is needed). Parameter Store
 * and that key exist in both China regions; CloudFormation cannot create SecureStrings, so the
 * robots' functions write them and the stack owns only the permission.
 */
export const ROBOT_PARAMETER_PREFIX = '/xiajiceng/robots';

/** Read, write and delete of the robots' parameters (a region's each), and their path in the function's environment. */
export function grantRobotSecrets(fn: ApiFunction): void {
  const stack = Stack.of(fn);
  const parameters = Arn.format({ service: 'ssm', resource: 'parameter', resourceName: `${ROBOT_PARAMETER_PREFIX.slice(1)}/*` }, stack);
  fn.function.addEnvironment(ENV.robotParameterPrefix, ROBOT_PARAMETER_PREFIX);
  fn.role.addToPrincipalPolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:DeleteParameter'], resources: [parameters],
  }));
  acknowledgeRobotParameters(fn.role, ROBOT_PARAMETER_PREFIX);
}
