import * as z from 'zod/mini';
import { intSchema, pastDateSchema, queryDateSchema, regionCodeSchema, rule } from './common.ts';

const additive = {
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
const additiveSchema = z.object(additive);

export const totalsSchema = z
  .object({
    /** Heads (组织部长) with at least one counted visit in the region: a distinct count, not a sum. */
    ministers: intSchema(),
    ...additive,
    /** Distinct branches visited, against the province's 4,143 villages and 446 communities. */
    branchesVisited: z.object({ village: intSchema(), community: intSchema() }),
    /** The additive figures by the heads' level (省/市州/县). */
    byMinisterLevel: z.object({ province: additiveSchema, prefecture: additiveSchema, county: additiveSchema }),
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
const regionParam = z._default(regionCodeSchema, '630000');

export const summaryQuerySchema = z.strictObject({ region: regionParam, date: z.optional(pastDateSchema), format: formatSchema });

/** A time series spans at most about a year and a month, so one answer stays small. */
export const MAX_HISTORY_DAYS = 400;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export const summaryHistoryQuerySchema = z
  .strictObject({ region: regionParam, from: z.optional(queryDateSchema), to: z.optional(queryDateSchema), format: formatSchema })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, { ...rule('range.reversed'), path: ['from'] }),
    z.refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= MAX_HISTORY_DAYS, { ...rule('range.tooLong'), path: ['from'] }),
  );

/** GET /summary/history: a region's headline figures day by day. */
export const summaryHistorySchema = z
  .object({
    region: regionRefSchema,
    items: z.array(z.object({ asOf: z.iso.date(), provisional: z.boolean(), totals: totalsSchema })),
  })
  .register(z.globalRegistry, { id: 'SummaryHistory' });
