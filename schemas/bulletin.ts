import * as z from 'zod/mini';
import { intSchema, regionCodeSchema, regionLevelSchema, regionRefSchema } from './common.ts';

/** `/bulletins/{month}/{regionCode}`: a month (YYYY-MM) of the campaign's years, and a province or prefecture. */
export const bulletinParamsSchema = z.object({
  month: z.string().check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/)),
  regionCode: regionCodeSchema,
});

const ranksSchema = z.object({
  coverageRate: intSchema(1), visits: intSchema(1), sessions: intSchema(1), late: intSchema(1), overdueProblems: intSchema(1), waitingSuggestions: intSchema(1),
});

/** GET /bulletins/{month}/{regionCode}: the region's children ranked for the month (通报). */
export const bulletinSchema = z
  .object({
    month: z.string(),
    region: regionRefSchema,
    /** True until the region's month is confirmed (已确认), or while the month's end has no closed snapshot yet. */
    provisional: z.boolean(),
    /** The closed day whose snapshot gave the figures as of the month's end (`—` figures when none). */
    asOf: z.nullable(z.iso.date()),
    formula: z.string(),
    rows: z.array(z.object({
      region: regionRefSchema,
      figures: z.object({
        /** Registered active branches visited ÷ registered, as of the month's end; null when none registered. */
        coverageRate: z.nullable(z.number()),
        visits: intSchema(), sessions: intSchema(), late: intSchema(), overdueProblems: intSchema(), waitingSuggestions: intSchema(),
      }),
      ranks: ranksSchema,
      overallRank: intSchema(1),
    })),
    /**
     * The region's heads (its own and those of the regions below) by their own records dated in the
     * month, most visits first: from each head's card the nightly keeps; null until the nightly has
     * carded the head under the current counting rules.
     */
    heads: z.array(z.object({
      minister: z.object({ id: z.string(), name: z.string(), level: regionLevelSchema, regionCode: z.string() }),
      figures: z.nullable(z.object({ visits: intSchema(), sessions: intSchema(), late: intSchema() })),
    })),
  })
  .register(z.globalRegistry, { id: 'Bulletin' });

export type Bulletin = z.infer<typeof bulletinSchema>;
export type BulletinRow = Bulletin['rows'][number];
export type BulletinHead = Bulletin['heads'][number];
