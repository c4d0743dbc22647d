import type * as z from 'zod/mini';
import type { summaryHistorySchema, summarySchema, totalsSchema } from '#schemas/summary.ts';

/** The API's summary answers as the dashboard reads them: types only from the schemas (no zod at run time). */
export type Totals = z.infer<typeof totalsSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type SummaryHistory = z.infer<typeof summaryHistorySchema>;
