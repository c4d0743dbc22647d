import * as z from 'zod/mini';
import { MONTH_ACTIONS, MONTH_STATES, type MonthAction, type MonthState } from '#schemas/month-words.ts';
import { once } from '#schemas/once.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { MonthStepEntry, StoredMonth } from '#functions/ports/months.ts';
import { CHANGE_SK_PREFIX } from './change.ts';
import { parseItem, type RawItem } from './item.ts';
import { monthKey, monthPartition } from './month-key.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

export { monthKey, monthPartition } from './month-key.ts';

export const monthItem = (stored: StoredMonth): RawItem => ({ ...monthKey(stored.region, stored.month), kind: 'month', ...stored });

/**
 * Built on first read, and of the months' words, not their API schemas: every record write carries
 * this module (it reads a month only to say why a write was refused), and schemas/months.ts would
 * build the whole monthly close's answers at import.
 */
const stateSchema = () => z.enum(Object.keys(MONTH_STATES) as [MonthState, ...MonthState[]]);
const actionSchema = () => z.enum(Object.keys(MONTH_ACTIONS) as [MonthAction, ...MonthAction[]]);
const storedMonthSchema = once(() => z.object({
  region: z.string(),
  month: z.string(),
  state: stateSchema(),
  version: z.number(),
  updatedAt: z.string(),
  trail: z.array(z.object({ action: actionSchema(), by: z.string(), at: z.string(), reason: z.optional(z.string()) })),
}));

export function readMonth(raw: RawItem): StoredMonth {
  const { region, month, state, version, updatedAt, trail } = parseItem('month', storedMonthSchema(), raw);
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

const monthStepSchema = once(() => z.object({
  region: z.string(), month: z.string(), version: z.number(), state: stateSchema(),
  action: actionSchema(), by: z.string(), at: z.string(), reason: z.optional(z.string()),
}));

export function readMonthStep(raw: RawItem): MonthStepEntry {
  const { region, month, version, state, action, by, at, reason } = parseItem(MONTH_STEP_KIND, monthStepSchema(), raw);
  return { region, month, version, state, action, by, at, ...(reason ? { reason } : {}) };
}
