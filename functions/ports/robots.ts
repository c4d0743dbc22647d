import type { DELIVERY_STATUSES, RobotType } from '#schemas/robots.ts';

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
  /** Every region's robot. */
  all(): Promise<RobotSetting[]>;
  put(setting: RobotSetting): Promise<void>;
  /** Answers whether there was one. */
  delete(regionCode: string): Promise<boolean>;
}

/** What a robot answered one post: whether it took the message (HTTP 200 and `errcode` 0), and its words. */
export interface RobotAnswer {
  ok: boolean;
  answer: string;
}

/** Posts a JSON body to a robot's webhook (adapters/robot-poster.ts: fetch with a timeout). */
export type RobotPoster = (url: string, body: unknown) => Promise<RobotAnswer>;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One post to a robot (投递记录), as the delivery log keeps it. */
export interface Delivery {
  id: string;
  regionCode: string;
  status: DeliveryStatus;
  attempts: number;
  lastAnswer: string;
  createdAt: string;
}

/** The delivery log (repositories/delivery-repository.ts). */
export interface DeliveryLog {
  put(delivery: Delivery): Promise<void>;
  page(request: { status?: DeliveryStatus; limit: number; cursor?: string }): Promise<{ items: Delivery[]; nextCursor: string | null }>;
}
