import * as z from 'zod/mini';
import { intSchema, listQueryBase, regionCodeSchema, rule, textSchema } from './common.ts';
import { MONTH_ACTIONS, MONTH_STATES, type MonthAction, type MonthState } from './month-words.ts';

/**
 * The monthly close (月度报送): a region's month, signed off level by level. A county's month covers
 * the records dated in it whose place lies in the county; a prefecture's, its counties' and its own.
 */
// The words and the lock's states live without zod (month-words.ts), so the dashboard reads them without carrying it.
export { isLocked, LOCKED_STATES, MONTH_ACTIONS, MONTH_STATES, type MonthAction, type MonthState, REASON_REQUIRED } from './month-words.ts';
export const monthStateSchema = z.enum(Object.keys(MONTH_STATES) as [MonthState, ...MonthState[]]);
export const monthActionSchema = z.enum(Object.keys(MONTH_ACTIONS) as [MonthAction, ...MonthAction[]]);

/** `YYYY-MM`, a calendar month from 2016 (the earliest date a record may carry). */
export const monthSchema = z.string().check(z.regex(/^20(1[6-9]|[2-9]\d)-(0[1-9]|1[0-2])$/));

export const monthParamsSchema = z.strictObject({ month: monthSchema, regionCode: regionCodeSchema });
export const monthActionParamsSchema = z.strictObject({ month: monthSchema, regionCode: regionCodeSchema, action: monthActionSchema });
export const monthActionBodySchema = z.strictObject({ reason: z.optional(textSchema(500)) }).register(z.globalRegistry, { id: 'MonthActionBody' });
export type MonthActionBody = z.output<typeof monthActionBodySchema>;

export const monthTrailEntrySchema = z.object({
  action: monthActionSchema,
  /** Who, by name when their account has one (else their sign-in subject). */
  by: z.string(),
  at: z.iso.datetime(),
  reason: z.optional(z.string()),
});
export type MonthTrailEntry = z.output<typeof monthTrailEntrySchema>;

/** `GET /months/{YYYY-MM}/{regionCode}`; `version` is 0 while nothing was ever done to the month. */
export const regionMonthSchema = z
  .object({
    month: z.string(),
    region: z.string(),
    state: monthStateSchema,
    version: intSchema(0),
    counts: z.object({ records: intSchema(0), awaitingReview: intSchema(0) }),
    children: z.array(z.object({ region: z.string(), state: monthStateSchema })),
    trail: z.array(monthTrailEntrySchema),
  })
  .register(z.globalRegistry, { id: 'Month' });
export type RegionMonth = z.output<typeof regionMonthSchema>;

/** One month of a region in a list: no counts (those read the month's records). */
export const monthSummarySchema = z
  .object({ month: z.string(), region: z.string(), state: monthStateSchema, version: intSchema(0), updatedAt: z.iso.datetime() })
  .register(z.globalRegistry, { id: 'MonthSummary' });
export type MonthSummary = z.output<typeof monthSummarySchema>;

/**
 * `GET /months?region=&state=&from=&to=`: the months of one region that something was done to, oldest
 * first (a month never touched is `open` and not listed). Reporting clients ask `state=confirmed`.
 */
export const monthListQuerySchema = z
  .strictObject({
    region: z.optional(regionCodeSchema),
    state: z.optional(monthStateSchema),
    from: z.optional(monthSchema),
    to: z.optional(monthSchema),
    ...listQueryBase,
  })
  .check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { ...rule('range.reversed'), path: ['from'] }));
export type MonthListQuery = z.output<typeof monthListQuerySchema>;

export { signOffSchema, type SignOff } from './sign-off.ts';
