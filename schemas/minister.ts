import * as z from 'zod/mini';
import { branchIdSchema, listQueryBase, pastDateSchema, recordMetaSchema, regionCodeSchema, regionLevelSchema, nameTextSchema, rule, slugIdSchema } from './common.ts';
import { findRegion } from './regions.ts';
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
