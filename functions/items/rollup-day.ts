import * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A closed day's marker: `rollup-days` / `<day>`, written after the day's states and snapshots, with
 * the edition of the counting rules it was closed under (absent on days closed before editions).
 */
export const CLOSED_DAYS_PARTITION = 'rollup-days';

export const closedDayKey = (day: string) => ({ [PK]: CLOSED_DAYS_PARTITION, [SK]: day });

export const closedDayItem = (day: string, closedAt: string, countingRules: number): RawItem =>
  ({ ...closedDayKey(day), kind: 'rollup-day', closedAt, countingRules });

const closedDaySchema = z.object({ [SK]: z.string(), countingRules: z.optional(z.number()) });

export function readClosedDay(raw: RawItem): { date: string; countingRules?: number } {
  const { [SK]: date, countingRules } = parseItem('rollup-day', closedDaySchema, raw);
  return { date, ...(countingRules === undefined ? {} : { countingRules }) };
}
