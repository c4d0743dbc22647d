import * as z from 'zod/mini';
import type { RobotCredential, RobotSecrets } from '#functions/ports/robots.ts';

/** One call of SSM's JSON API (`AmazonSSM.<operation>`): its answer, or an error naming SSM's error type. */
export type SsmCall = (operation: 'PutParameter' | 'GetParameter' | 'DeleteParameter', input: Record<string, unknown>) => Promise<unknown>;

/** An error SSM answered, by its type (`ParameterNotFound`, `ThrottlingException`, …). */
export class SsmError extends Error {
  constructor(readonly type: string, readonly status: number) {
    super(`SSM answered ${status} ${type}`);
    this.name = 'SsmError';
  }
}

const credentialSchema = z.object({ url: z.string(), secret: z.optional(z.string()) });
const getAnswerSchema = z.object({ Parameter: z.object({ Value: z.string() }) });
const notFound = (error: unknown) => error instanceof SsmError && error.type === 'ParameterNotFound';

/**
 * Robots' credentials as SecureString parameters of SSM Parameter Store, one per region under
 * `prefix`, encrypted with the account's `aws/ssm` KMS key (Parameter Store exists in both China
 * regions; a standard parameter costs nothing). CloudFormation cannot make SecureStrings, which is
 * why the function writes them itself.
 */
export function ssmRobotSecrets(call: SsmCall, prefix: string): RobotSecrets {
  const name = (regionCode: string) => `${prefix}/${regionCode}`;
  return {
    async put(regionCode, credential) {
      await call('PutParameter', { Name: name(regionCode), Value: JSON.stringify(credential), Type: 'SecureString', Overwrite: true, Tier: 'Standard' });
    },
    async get(regionCode): Promise<RobotCredential | undefined> {
      let answer: unknown;
      try {
        answer = await call('GetParameter', { Name: name(regionCode), WithDecryption: true });
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
      return credentialSchema.parse(JSON.parse(getAnswerSchema.parse(answer).Parameter.Value));
    },
    async delete(regionCode) {
      try {
        await call('DeleteParameter', { Name: name(regionCode) });
      } catch (error) {
        if (!notFound(error)) throw error;
      }
    },
  };
}
