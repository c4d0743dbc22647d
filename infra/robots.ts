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

const ACTIONS = {
  /** Posting to robots: their credentials read (decrypted by SSM with aws/ssm). */
  read: ['ssm:GetParameter'],
  /** Setting or removing robots. */
  write: ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:DeleteParameter'],
} as const;

/** The robots' parameters (a region's each) to read, or to read, write and delete; and their path in the function's environment. */
export function grantRobotSecrets(fn: ApiFunction, access: keyof typeof ACTIONS): void {
  const stack = Stack.of(fn);
  const parameters = Arn.format({ service: 'ssm', resource: 'parameter', resourceName: `${ROBOT_PARAMETER_PREFIX.slice(1)}/*` }, stack);
  fn.function.addEnvironment(ENV.robotParameterPrefix, ROBOT_PARAMETER_PREFIX);
  fn.role.addToPrincipalPolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: [...ACTIONS[access]], resources: [parameters],
  }));
  acknowledgeRobotParameters(fn.role, ROBOT_PARAMETER_PREFIX);
}
