import * as z from 'zod/mini';
import { robotTypeSchema } from '#schemas/robots.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { RobotSetting } from '#functions/ports/robots.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** A region's group robot: `robot#<regionCode>` / `robot`, item kind `robot`. Its credential is not here (ports/robots.ts). */
export const robotKey = (regionCode: string) => ({ [PK]: `robot#${regionCode}`, [SK]: 'robot' });

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
