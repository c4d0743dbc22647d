import * as z from 'zod/mini';
import { branchIdSchema, listQueryBase, pastDateSchema, recordMetaSchema, regionCodeSchema, regionLevelSchema, nameTextSchema, rule, slugIdSchema } from './common.ts';
import { findRegion } from './regions.ts';
import { isLine, type LineTree, TARGET_LIST, type TargetKey, type TargetScores } from './targets.ts';
import { EARLIEST_DATE } from './time.ts';

/** A head keeps in touch with a handful of branches (联系点); this many at most. */
export const MAX_CONTACT_BRANCHES = 20;

/** A head of an organization department (组织部长) at province, prefecture or county level. */
export const ministerInputSchema = z
  .strictObject({
    name: nameTextSchema(50),
    level: regionLevelSchema,
    regionCode: regionCodeSchema,
    /** 联系点: registered branches of the head's region they keep in touch with (none when left out). */
    contactBranches: z._default(z.array(branchIdSchema).check(z.maxLength(MAX_CONTACT_BRANCHES)), []),
  })
  .check(
    z.refine((m) => findRegion(m.regionCode)?.level === m.level, { ...rule('region.levelMismatch'), path: ['regionCode'] }),
    z.refine((m) => new Set(m.contactBranches).size === m.contactBranches.length, { ...rule('minister.contactRepeated'), path: ['contactBranches'] }),
  );

export type MinisterInput = z.infer<typeof ministerInputSchema>;

/** A stretch of a head's service at one level and region, from a Beijing date until the next term's. */
export const termSchema = z.object({ from: z.iso.date(), level: regionLevelSchema, regionCode: z.string() });
export type Term = z.infer<typeof termSchema>;

export const ministerSchema = z
  .extend(z.object({
    id: slugIdSchema,
    name: z.string(),
    level: regionLevelSchema,
    regionCode: z.string(),
    /**
     * The head's levels and regions over time, oldest first; the last is the current one. A change of
     * level or region starts a new term on the Beijing day it is made: visits dated before it count
     * under the level of their date, in the figures by level (byMinisterLevel).
     */
    terms: z.array(termSchema),
    /** 联系点 (absent on heads stored before they were kept: none). */
    contactBranches: z.optional(z.array(z.string())),
  }), recordMetaSchema.shape)
  .register(z.globalRegistry, { id: 'Minister' });

export type Minister = z.infer<typeof ministerSchema>;

/** A head's terms; a head stored before terms were kept has served at its one level since the first day. */
export function termsOf(minister: Pick<Minister, 'level' | 'regionCode'> & { terms?: Term[] }): Term[] {
  return minister.terms?.length ? minister.terms : [{ from: EARLIEST_DATE, level: minister.level, regionCode: minister.regionCode }];
}

/**
 * The terms after a change made on `day`: a new term when the level or region changes (the day's
 * earlier change, if any, replaced), the same terms otherwise.
 */
export function nextTerms(terms: Term[], change: Pick<Term, 'level' | 'regionCode'>, day: string): Term[] {
  const last = terms.at(-1);
  if (last && last.level === change.level && last.regionCode === change.regionCode) return terms;
  return [...terms.filter((t) => t.from < day), { from: day, level: change.level, regionCode: change.regionCode }];
}

/** The level a head held on a day; before their first term, that term's (a visit reported late). */
export function levelOn(terms: readonly Term[], date: string): Term['level'] {
  let level = terms[0].level;
  for (const term of terms) if (term.from <= date) level = term.level;
  return level;
}

export const ministerIdParamsSchema = z.object({ id: slugIdSchema });

export const ministerListQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema), ...listQueryBase });
export type MinisterListQuery = z.infer<typeof ministerListQuerySchema>;

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
