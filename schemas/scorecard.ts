import * as z from 'zod/mini';
import { pastDateSchema, regionCodeSchema, regionLevelSchema } from './common.ts';
import { isLine, type LineTree, TARGET_LIST, type TargetKey, type TargetScores } from './targets.ts';

/*
 * The scorecard's schemas, apart from minister.ts so that only the functions answering a scorecard
 * (and the OpenAPI document) carry the targets' table they are built from.
 */

export const scorecardQuerySchema = z.strictObject({
  /** The campaign year whose records count (by each kind's date: a visit's, a problem's `foundOn`, …); default: this year, Beijing time. */
  year: z.optional(z.pipe(z.string().check(z.regex(/^20\d\d$/)), z.transform(Number))),
  /** As of the end of this Beijing day; default: today. */
  date: z.optional(pastDateSchema),
});

const count = z.number().check(z.int());

/** The zod schema of a target's lines (targets.ts): a whole number per line, in its shape. */
function scoresSchemaOf(tree: LineTree): z.ZodMiniType {
  return isLine(tree) ? count : z.object(Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, scoresSchemaOf(node)])));
}

/** Each target's part of a scorecard, built from the targets' table (the one narrowing to its shape). */
const targetShape = Object.fromEntries(TARGET_LIST.map((t) => [t.key, scoresSchemaOf(t.lines)])) as { [K in TargetKey]: z.ZodMiniType<TargetScores[K]> };

/** A scorecard's targets alone, from a head's figures and counted records (`scoresOf` each target, parsed to its shape). */
export const targetScoresSchema = z.object(targetShape);

/**
 * One head's figures against the six targets (六个一批), for the duty report (述职) and the year-end
 * evaluation: the targets' parts as targets.ts declares them (visits, the six targets, inspections).
 * Counted as the rollup counts: withdrawn and rejected records, and suspected duplicate visits not
 * yet approved, count nothing.
 */
export const scorecardSchema = z
  .object({
    minister: z.object({ id: z.string(), name: z.string(), level: regionLevelSchema, regionCode: z.string() }),
    year: count,
    asOf: z.iso.date(),
    ...targetShape,
    /**
     * 联系点: the head's contact branches, and those of them the head's own counted visits of the year
     * named by the day; each with its name as the registry has it now.
     */
    contactBranches: z.object({
      assigned: count,
      visited: count,
      branches: z.array(z.object({ id: z.string(), name: z.string(), countyCode: z.string(), visited: z.boolean() })),
    }),
    /**
     * The records behind the figures that the caller may open: every one that counts, as it was that
     * day (kind, id, date, what a person knows it by). A reporting client reads figures only: none.
     */
    records: z.array(z.object({ kind: z.string(), id: z.string(), date: z.iso.date(), title: z.string() })),
    /**
     * Records that count here but the caller may not open (left in another region when the head
     * moved; all of them, to a reporting client): counted, not listed. By kind; kinds with none left out.
     */
    hiddenRecords: z.record(z.string(), count),
  })
  .register(z.globalRegistry, { id: 'Scorecard' });

/** GET /scorecards: every head of a region side by side (总结讲评), without the records behind each. */
export const scorecardListSchema = z
  .object({ region: z.string(), year: count, asOf: z.iso.date(), items: z.array(z.omit(scorecardSchema, { records: true, hiddenRecords: true })) })
  .register(z.globalRegistry, { id: 'ScorecardList' });

export const scorecardListQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema), year: scorecardQuerySchema.shape.year, date: scorecardQuerySchema.shape.date });
