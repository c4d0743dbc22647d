import * as z from 'zod/mini';
import { intSchema, pastDateSchema, queryDateSchema, regionCodeSchema, rule } from './common.ts';
import { beijingDate } from './time.ts';

/** The visits' additive figures: five of the six headline figures. */
const visitFigures = {
  /** 参加各类组织生活 (次) */
  sessions: intSchema(),
  /** 召开座谈会 (场次) */
  symposiums: intSchema(),
  /** 党员参加 (人次) */
  participants: intSchema(),
  /** 收集意见建议 (条) */
  suggestions: intSchema(),
  /** 当场答复或已经解决 (条) */
  suggestionsAnsweredOrResolved: intSchema(),
};
const visitFiguresSchema = z.object(visitFigures);

/**
 * A region's figures as of the end of a Beijing day. What counts: a record's latest version received
 * by then, unless withdrawn or rejected by review; a suspected duplicate visit (same head, branch and
 * day as another) only once staff approve it as distinct.
 *
 * Additive (a parent's figure is the sum of its children's): every visit figure, `branchesVisited`,
 * `byMinisterLevel`, `reports`, `problems`, `trainings`, `peopleTrained` and `models` — records that
 * all count in a county (their branch's).
 *
 * Not additive over children: `ministers` (a distinct count of heads), and `mechanisms`,
 * `inspections` and `inspectionFindings`, whose records may apply to a whole prefecture or the
 * province: such a record counts in that region and the ones above it, and in no county.
 */
export const totalsSchema = z
  .object({
    /** Heads (组织部长) with at least one counted visit in the region: a distinct count, not a sum. */
    ministers: intSchema(),
    ...visitFigures,
    /** Distinct branches visited, against the province's 4,143 villages and 446 communities. */
    branchesVisited: z.object({ village: intSchema(), community: intSchema() }),
    /** The visit figures by the heads' level (省/市州/县). */
    byMinisterLevel: z.object({ province: visitFiguresSchema, prefecture: visitFiguresSchema, county: visitFiguresSchema }),
    /** 调研报告 (篇) */
    reports: intSchema(),
    /**
     * 问题清单 by status: 待整改 `open`, 整改中 `rectifying`, 已整改 `rectified`; and 逾期 `overdue`:
     * open or rectifying and past its deadline as of the end of `asOf` (`deadline < asOf`: the
     * deadline day itself is still in time), a subset of the first two.
     */
    problems: z.object({ open: intSchema(), rectifying: intSchema(), rectified: intSchema(), overdue: intSchema() }),
    /** 行家里手培养 sessions (场). */
    trainings: intSchema(),
    /** People trained in them (人次). */
    peopleTrained: intSchema(),
    /** 制度机制 (项), including those for the whole region (not additive over children). */
    mechanisms: intSchema(),
    /** 先进典型: 已推荐 `nominated` (awaiting a decision) and 已选树 `approved`; those not approved count in neither. */
    models: z.object({ nominated: intSchema(), approved: intSchema() }),
    /** 督查督导 (次), including those of the whole region (not additive over children). */
    inspections: intSchema(),
    /** Their findings (发现问题, 条), likewise not additive. */
    inspectionFindings: intSchema(),
  })
  .register(z.globalRegistry, { id: 'Totals' });

const regionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

/** GET /summary: one region's stored snapshot as of the end of a Beijing day. */
export const summarySchema = z
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
  })
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
