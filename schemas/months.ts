import * as z from 'zod/mini';
import { intSchema, listQueryBase, regionCodeSchema, rule, textSchema } from './common.ts';

/**
 * The monthly close (月度报送): a region's month, signed off level by level. A county's month covers
 * the records dated in it whose place lies in the county; a prefecture's, its counties' and its own.
 */
export const MONTH_STATES = {
  open: '未报送',
  submitted: '已报送',
  approved: '已审核',
  returned: '已退回',
  confirmed: '已确认',
} as const;
export type MonthState = keyof typeof MONTH_STATES;
export const monthStateSchema = z.enum(Object.keys(MONTH_STATES) as [MonthState, ...MonthState[]]);

/** The steps, in the glossary's words; `return` and `reopen` need a reason (confirm and approve may carry one). */
export const MONTH_ACTIONS = {
  submit: '报送',
  approve: '审核通过',
  return: '退回',
  confirm: '确认',
  reopen: '重新打开',
} as const;
export type MonthAction = keyof typeof MONTH_ACTIONS;
export const monthActionSchema = z.enum(Object.keys(MONTH_ACTIONS) as [MonthAction, ...MonthAction[]]);
export const REASON_REQUIRED: readonly MonthAction[] = ['return', 'reopen'];

/** The states in which the month's records are locked (a write of them → 409 month-locked). */
export const LOCKED_STATES: readonly MonthState[] = ['submitted', 'approved', 'confirmed'];
export const isLocked = (state: MonthState): boolean => LOCKED_STATES.includes(state);

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

/** The summary's sign-off of a recent month: the region's own state and how many of its children are approved (or confirmed). */
export const signOffSchema = z.object({
  month: z.string(),
  state: monthStateSchema,
  children: z.object({ approved: intSchema(0), total: intSchema(0) }),
});
export type SignOff = z.output<typeof signOffSchema>;
