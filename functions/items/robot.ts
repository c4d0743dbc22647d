import * as z from 'zod/mini';
import { robotTypeSchema } from '#schemas/robots.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { Delivery, RobotSetting } from '#functions/ports/robots.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLE_DEFINITION;

/**
 * A region's group robot: `robots` / `<regionCode>`, item kind `robot`. One partition holds them all
 * (a few dozen regions at most), so whoever posts reads every robot in one query. Its credential is
 * not here (ports/robots.ts).
 */
export const ROBOTS_PARTITION = 'robots';
export const robotKey = (regionCode: string) => ({ [PK]: ROBOTS_PARTITION, [SK]: regionCode });

export const robotItem = (setting: RobotSetting): RawItem => ({ ...robotKey(setting.regionCode), kind: 'robot', ...setting });

const storedRobotSchema = z.object({
  regionCode: z.string(),
  type: robotTypeSchema,
  url: z.string(),
  secretSet: z.boolean(),
  updatedAt: z.string(),
});

export function readRobot(raw: RawItem): RobotSetting {
  const { regionCode, type, url, secretSet, updatedAt } = parseItem('robot', storedRobotSchema, raw);
  return { regionCode, type, url, secretSet, updatedAt };
}

/**
 * The delivery log: `deliveries` / `<createdAt>#<id>`, item kind `delivery`, newest last in key order;
 * each attempt rewrites its delivery's item. Deleted after 180 days (TTL), as notices are.
 */
export const DELIVERIES_PARTITION = 'deliveries';
const DELIVERY_TTL_DAYS = 180;
export const deliverySortKey = (delivery: Pick<Delivery, 'createdAt' | 'id'>) => `${delivery.createdAt}#${delivery.id}`;

export const deliveryItem = (delivery: Delivery): RawItem => ({
  [PK]: DELIVERIES_PARTITION, [SK]: deliverySortKey(delivery), kind: 'delivery', ...delivery,
  [TTL]: Math.floor(Date.parse(delivery.createdAt) / 1000) + DELIVERY_TTL_DAYS * 86_400,
});

const storedDeliverySchema = z.object({
  id: z.string(), regionCode: z.string(), status: z.enum(['sent', 'retrying', 'failed']), attempts: z.number(), lastAnswer: z.string(), createdAt: z.string(),
});

export function readDelivery(raw: RawItem): Delivery {
  const { id, regionCode, status, attempts, lastAnswer, createdAt } = parseItem('delivery', storedDeliverySchema, raw);
  return { id, regionCode, status, attempts, lastAnswer, createdAt };
}
