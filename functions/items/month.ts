import * as z from 'zod/mini';
import { monthStateSchema, monthTrailEntrySchema } from '#schemas/months.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { MonthStepEntry, StoredMonth } from '#functions/ports/months.ts';
import { CHANGE_SK_PREFIX } from './change.ts';
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

/**
 * A step of a month (`month#<regionCode>` / `change#<YYYY-MM>#<version, 6 digits>`, item kind
 * `month-step`), written once in the step's transaction: the table's stream hands it, as it hands a
 * record's change entry, to the decision notices' function, which tells the level concerned (and its
 * robots). Its sort key sorts after every month's (`c` > digits), so a region's months stay one range.
 */
export const MONTH_STEP_KIND = 'month-step';
export const monthStepKey = (entry: Pick<MonthStepEntry, 'region' | 'month' | 'version'>) =>
  ({ [PK]: monthPartition(entry.region), [SK]: `${CHANGE_SK_PREFIX}${entry.month}#${String(entry.version).padStart(6, '0')}` });

export const monthStepItem = (entry: MonthStepEntry): RawItem => ({ ...monthStepKey(entry), kind: MONTH_STEP_KIND, ...entry });

const monthStepSchema = z.object({
  region: z.string(), month: z.string(), version: z.number(), state: monthStateSchema,
  action: monthTrailEntrySchema.shape.action, by: z.string(), at: z.string(), reason: z.optional(z.string()),
});

export function readMonthStep(raw: RawItem): MonthStepEntry {
  const { region, month, version, state, action, by, at, reason } = parseItem(MONTH_STEP_KIND, monthStepSchema, raw);
  return { region, month, version, state, action, by, at, ...(reason ? { reason } : {}) };
}
