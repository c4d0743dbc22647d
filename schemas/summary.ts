import * as z from 'zod/mini';
import { intSchema, pastDateSchema, queryDateSchema, regionCodeSchema, regionRefSchema, rule } from './common.ts';
import { beijingDate } from './time.ts';
import { FIGURES, type FigureTree, headerOf, isFigure, type ValuesOf } from './figures.ts';
import { signOffSchema } from './sign-off.ts';

/** The zod schema of a tree of figures: a whole number per figure, described by its name and unit. */
function schemaOf(tree: FigureTree): z.ZodMiniType {
  if (isFigure(tree)) {
    const note = tree.additive ? '' : '；不可按下级相加 (not additive over children)';
    return intSchema().register(z.globalRegistry, { description: `${headerOf(tree)}${note}` });
  }
  return z.object(Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, schemaOf(node)])));
}

/**
 * A region's figures as of the end of a Beijing day, one number per figure of the table
 * (figures.ts): what counts is a record's latest version received by then, unless withdrawn or
 * rejected by review; a suspected duplicate visit (same head, branch and day as another) only once
 * staff approve it as distinct. Built from the table, whose shape is `Totals` (the one narrowing).
 */
export const totalsSchema = (schemaOf(FIGURES) as z.ZodMiniType<ValuesOf<typeof FIGURES>>).register(z.globalRegistry, { id: 'Totals' });
export type Totals = z.infer<typeof totalsSchema>;

/** One region's stored snapshot as of the end of a Beijing day (what the rollup writes). */
export const snapshotSchema = z
  .object({
    asOf: z.iso.date(),
    provisional: z.boolean(),
    generatedAt: z.iso.datetime(),
    region: regionRefSchema,
    totals: totalsSchema,
    /** The six headline figures' change since the previous day's snapshot. */
    sincePrevious: z.nullable(z.object({ asOf: z.iso.date(), figures: z.record(z.string(), intSchema()) })),
    /** Earlier activity months (YYYY-MM) whose figures changed through this day's late data (a restatement). */
    restatedMonths: z.array(z.string()),
    children: z.array(z.object({ region: regionRefSchema, totals: totalsSchema })),
  });

/** How many recent months `GET /summary` tells the sign-off of (月度报送): the snapshot's month and the two before. */
export const SIGN_OFF_MONTHS = 3;

/**
 * GET /summary: the stored snapshot, and how far the region's recent months are signed off (read live:
 * a step of the monthly close shows at once, not after the night's rollup), oldest first.
 */
export const summarySchema = z
  .extend(snapshotSchema, { signOff: z.array(signOffSchema) })
  .register(z.globalRegistry, { id: 'Summary' });

/** `?format=csv` (or `Accept: text/csv`) asks for a spreadsheet instead of JSON. */
const formatSchema = z.optional(z.enum(['json', 'csv']));
/** Default: the caller's own region (the province for province-wide callers). */
const regionParam = z.optional(regionCodeSchema);

export const summaryQuerySchema = z.strictObject({ region: regionParam, date: z.optional(pastDateSchema), format: formatSchema });

/** A time series spans at most about a year and a month, so one answer stays small. */
export const MAX_HISTORY_DAYS = 400;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export const summaryHistoryQuerySchema = z
  .strictObject({ region: regionParam, from: z.optional(queryDateSchema), to: z.optional(queryDateSchema), format: formatSchema })
  .check(
    // Without `to`, the range ends today (Beijing time), as readSummaryHistory has it.
    z.refine((q) => !q.from || q.from <= (q.to ?? beijingDate()), { ...rule('range.reversed'), path: ['from'] }),
    z.refine((q) => !q.from || daysBetween(q.from, q.to ?? beijingDate()) <= MAX_HISTORY_DAYS, { ...rule('range.tooLong'), path: ['from'] }),
  );

/** GET /summary/history: a region's headline figures day by day. */
export const summaryHistorySchema = z
  .object({
    region: regionRefSchema,
    items: z.array(z.object({ asOf: z.iso.date(), provisional: z.boolean(), totals: totalsSchema })),
  })
  .register(z.globalRegistry, { id: 'SummaryHistory' });
