import * as z from 'zod/mini';
import { listQueryBase, pastDateSchema, recordMetaSchema, regionCodeSchema, regionLevelSchema, rule, slugIdSchema, textSchema } from './common.ts';
import { findRegion } from './regions.ts';

/** A head of an organization department (组织部长) at province, prefecture or county level. */
export const ministerInputSchema = z
  .strictObject({
    name: textSchema(50),
    level: regionLevelSchema,
    regionCode: regionCodeSchema,
  })
  .check(z.refine((m) => findRegion(m.regionCode)?.level === m.level, { ...rule('region.levelMismatch'), path: ['regionCode'] }));

export type MinisterInput = z.infer<typeof ministerInputSchema>;

export const ministerSchema = z
  .extend(z.object({ id: slugIdSchema, name: z.string(), level: regionLevelSchema, regionCode: z.string() }), recordMetaSchema.shape)
  .register(z.globalRegistry, { id: 'Minister' });

export type Minister = z.infer<typeof ministerSchema>;

export const ministerIdParamsSchema = z.object({ id: slugIdSchema });

export const ministerListQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema), ...listQueryBase });
export type MinisterListQuery = z.infer<typeof ministerListQuerySchema>;

export const scorecardQuerySchema = z.strictObject({
  /** The campaign year whose visits count (by visit date); default: this year, Beijing time. */
  year: z.optional(z.pipe(z.string().check(z.regex(/^20\d\d$/)), z.transform(Number))),
  /** As of the end of this Beijing day; default: today. */
  date: z.optional(pastDateSchema),
});

const count = z.number().check(z.int());

/** One head's figures against the six targets (六个一批), for the duty report (述职) and the year-end evaluation. */
export const scorecardSchema = z
  .object({
    minister: z.object({ id: z.string(), name: z.string(), level: regionLevelSchema, regionCode: z.string() }),
    year: count,
    asOf: z.iso.date(),
    visits: z.object({ count, sessions: count, symposiums: count, participants: count, branchesVisited: z.object({ village: count, community: count }) }),
    /** 意见建议: collected on the head's visits, and how many were answered on the spot or resolved. */
    suggestions: z.object({ collected: count, answeredOrResolved: count, pending: count }),
    /** The other five targets, reported once their forms exist (null until then). */
    researchReports: z.null(),
    problemsSolved: z.null(),
    expertsCultivated: z.null(),
    mechanismsImproved: z.null(),
    typicalModels: z.null(),
  })
  .register(z.globalRegistry, { id: 'Scorecard' });
