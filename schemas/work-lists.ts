import * as z from 'zod/mini';
import { intSchema, regionCodeSchema, regionRefSchema } from './common.ts';

/**
 * `GET /work-counts`: how much waits in each of the desk's work lists of a region, read from the
 * lists themselves (sparse indexes that hold only what they list), so the answer is as fresh as the
 * last write and costs what the lists hold, never the history.
 */
export const workCountsQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema) });

const count = () => intSchema();

/**
 * Problems (not withdrawn) by the ledger's lights: those not rectified by where their deadline stands
 * (红灯 逾期 · 黄灯 10 日内到期 · 绿灯 10 日以上), and 灰 已整改 (rectified): `grey`, split into 待验收
 * (`waiting`) and 已销号 (`accepted`).
 */
const problemsSchema = z.object({ red: count(), yellow: count(), green: count(), grey: count(), waiting: count(), accepted: count() });

export const workCountsSchema = z.object({
  region: regionRefSchema,
  /** Records awaiting review (待审核, not withdrawn), by kind (its path: `visits`, `problems`, …). */
  awaitingReview: z.record(z.string(), count()),
  /** Suspected duplicates (疑似重复) neither approved nor rejected, nor withdrawn. */
  suspectedDuplicates: count(),
  /** Suggestions waiting for an answer (待答复) on visits not withdrawn. */
  pendingSuggestions: count(),
  problems: problemsSchema,
  /** The same for each child region (a county: none), for the ledgers' tables by region. */
  children: z.array(z.object({ region: regionRefSchema, problems: problemsSchema, pendingSuggestions: count() })),
});

export type WorkCounts = z.output<typeof workCountsSchema>;
