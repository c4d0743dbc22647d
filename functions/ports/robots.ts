import type { RobotType } from '#schemas/robots.ts';

/** What reaches a robot: its webhook (whose token lets anyone post) and DingTalk's signing secret. Kept encrypted. */
export interface RobotCredential {
  url: string;
  secret?: string;
}

/**
 * Where robots' credentials are kept, encrypted at rest: on AWS SecureString parameters of SSM
 * Parameter Store (adapters/ssm-robot-secrets.ts), locally a file under the data folder, outside git
 * (adapters/file-robot-secrets.ts).
 */
export interface RobotSecrets {
  put(regionCode: string, credential: RobotCredential): Promise<void>;
  get(regionCode: string): Promise<RobotCredential | undefined>;
  delete(regionCode: string): Promise<void>;
}

/** A region's robot as the table keeps it: what may be shown, none of the credential. */
export interface RobotSetting {
  regionCode: string;
  type: RobotType;
  /** The webhook with its token masked (domain/robots.ts maskRobotUrl). */
  url: string;
  secretSet: boolean;
  updatedAt: string;
}

/** The robots' settings in the table (repositories/robot-repository.ts). */
export interface RobotRepository {
  get(regionCode: string): Promise<RobotSetting | undefined>;
  put(setting: RobotSetting): Promise<void>;
  /** Answers whether there was one. */
  delete(regionCode: string): Promise<boolean>;
}
