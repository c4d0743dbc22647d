import type { DELIVERY_STATUSES, RobotType } from '#schemas/robots.ts';
import type { RobotLine } from '#functions/domain/robot-deliveries.ts';

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

/**
 * A robot's posts a minute, counted where every function that posts sees them (the table), so
 * concurrent invocations share one budget (repositories/robot-pacing-repository.ts).
 */
export interface RobotBudget {
  /** Posts the robot took in a minute (`YYYY-MM-DDTHH:MM`, domain/robot-pacing.ts). */
  spent(regionCode: string, minute: string): Promise<number>;
  /** Takes one post of the minute if it had fewer than `below`, atomically whoever else posts; answers whether it did. */
  take(regionCode: string, minute: string, below: number): Promise<boolean>;
}

/** Notices waiting for a robot's budget (its backlog), each kept once by its notice's id. */
export interface RobotBacklog {
  add(regionCode: string, lines: readonly RobotLine[], since: string): Promise<void>;
  /** Whether any line waits for the robot. */
  waiting(regionCode: string): Promise<boolean>;
  /** Takes up to `max` waiting lines away, oldest first: a line one poster took, no other gets. */
  claim(regionCode: string, max: number): Promise<RobotLine[]>;
}
