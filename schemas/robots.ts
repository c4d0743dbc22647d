import * as z from 'zod/mini';
import { listQueryBase, regionCodeSchema } from './common.ts';

/**
 * Group robots (群机器人): a region's 政务钉钉/DingTalk custom robot or 企业微信/WeCom group robot,
 * which receives that region's immediate notices and one digest a day. Admins set them.
 */
export const ROBOT_TYPES = {
  dingtalk: '钉钉机器人',
  wecom: '企业微信机器人',
} as const;
export type RobotType = keyof typeof ROBOT_TYPES;
export const robotTypeSchema = z.enum(Object.keys(ROBOT_TYPES) as [RobotType, ...RobotType[]]);

export const robotParamsSchema = z.strictObject({ regionCode: regionCodeSchema });

/** `PUT /robots/{regionCode}`: the webhook as the vendor shows it, and DingTalk's signing secret (加签, `SEC…`). */
export const robotInputSchema = z.strictObject({
  type: robotTypeSchema,
  url: z.string().check(z.minLength(1), z.maxLength(1000)),
  secret: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
export type RobotInput = z.output<typeof robotInputSchema>;

/**
 * A robot as the API answers it: the webhook's token or key masked (it lets anyone post to the group)
 * and whether a signing secret is set, never the secret.
 */
export const robotSchema = z.object({
  regionCode: z.string(),
  type: robotTypeSchema,
  url: z.string(),
  secretSet: z.boolean(),
  updatedAt: z.string(),
}).register(z.globalRegistry, { id: 'Robot' });
export type Robot = z.output<typeof robotSchema>;

export const DELIVERY_STATUSES = ['sent', 'retrying', 'failed'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);

/** One post to a robot (投递记录): how it ended, after how many attempts, and the robot's last answer. */
export const deliverySchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number(),
  lastAnswer: z.string(),
  createdAt: z.string(),
}).register(z.globalRegistry, { id: 'Delivery' });

export const deliveryListQuerySchema = z.strictObject({ status: z.optional(deliveryStatusSchema), ...listQueryBase });
