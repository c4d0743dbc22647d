import * as z from 'zod';
import { pastDateSchema, regionCodeSchema } from './common.ts';

const additive = {
  /** 参加各类组织生活 (次) */
  sessions: z.number().int(),
  /** 召开座谈会 (场次) */
  symposiums: z.number().int(),
  /** 党员参加 (人次) */
  participants: z.number().int(),
  /** 收集意见建议 (条) */
  suggestions: z.number().int(),
  /** 当场答复或已经解决 (条) */
  suggestionsAnsweredOrResolved: z.number().int(),
};
const additiveSchema = z.object(additive);

export const totalsSchema = z
  .object({
    /** Heads (组织部长) with at least one counted visit in the region: a distinct count, not a sum. */
    ministers: z.number().int(),
    ...additive,
    /** Distinct branches visited, against the province's 4,143 villages and 446 communities. */
    branchesVisited: z.object({ village: z.number().int(), community: z.number().int() }),
    /** The additive figures by the heads' level (省/市州/县). */
    byMinisterLevel: z.object({ province: additiveSchema, prefecture: additiveSchema, county: additiveSchema }),
  })
  .meta({ id: 'Totals' });

const regionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

/** GET /summary: one region's stored snapshot as of the end of a Beijing day. */
export const summarySchema = z
  .object({
    asOf: z.iso.date(),
    provisional: z.boolean(),
    generatedAt: z.iso.datetime(),
    region: regionRefSchema,
    totals: totalsSchema,
    children: z.array(z.object({ region: regionRefSchema, totals: totalsSchema })),
  })
  .meta({ id: 'Summary' });

export const summaryQuerySchema = z
  .object({ region: regionCodeSchema.default('630000'), date: pastDateSchema.optional() })
  .strict();
