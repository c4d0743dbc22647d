import * as z from 'zod/mini';
import { intSchema } from './common.ts';
import { MONTH_STATES, type MonthState } from './month-words.ts';

/**
 * The summary's sign-off of a recent month: the region's own state and how many of its children are
 * approved (or confirmed). Apart from months.ts, whose schemas every function reading the summary's
 * would otherwise build.
 */
export const signOffSchema = z.object({
  month: z.string(),
  state: z.enum(Object.keys(MONTH_STATES) as [MonthState, ...MonthState[]]),
  children: z.object({ approved: intSchema(0), total: intSchema(0) }),
});
export type SignOff = z.output<typeof signOffSchema>;
