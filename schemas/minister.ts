import * as z from 'zod/mini';
import { recordMetaSchema, regionLevelSchema, slugIdSchema } from './common.ts';
import { EARLIEST_DATE } from './time.ts';

/** A head keeps in touch with a handful of branches (联系点); this many at most. */
export const MAX_CONTACT_BRANCHES = 20;

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
