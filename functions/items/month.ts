import * as z from 'zod/mini';
import { monthStateSchema, monthTrailEntrySchema } from '#schemas/months.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { StoredMonth } from '#functions/ports/months.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A region's month (月度报送): `month#<regionCode>` / `<YYYY-MM>`, item kind `month`, with its state,
 * version and trail. One partition per region, so the months of a region in a range are one query
 * and the lock a write checks is one GetItem by key. A month nobody acted on has no item: it is open.
 */
export const monthPartition = (regionCode: string) => `month#${regionCode}`;
export const monthKey = (regionCode: string, month: string) => ({ [PK]: monthPartition(regionCode), [SK]: month });

export const monthItem = (stored: StoredMonth): RawItem => ({ ...monthKey(stored.region, stored.month), kind: 'month', ...stored });

const storedMonthSchema = z.object({
  region: z.string(),
  month: z.string(),
  state: monthStateSchema,
  version: z.number(),
  updatedAt: z.string(),
  trail: z.array(monthTrailEntrySchema),
});

export function readMonth(raw: RawItem): StoredMonth {
  const { region, month, state, version, updatedAt, trail } = parseItem('month', storedMonthSchema, raw);
  return { region, month, state, version, updatedAt, trail };
}
