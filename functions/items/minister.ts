import * as z from 'zod/mini';
import { type Minister, ministerSchema, type Term, termsOf } from '#schemas/minister.ts';
import { indexKey } from '#functions/table.ts';
import { parseItem, type RawItem } from './item.ts';

/**
 * A head (组织部长): a record of kind `minister` (record.ts), listed by region in index byRegion:
 * `minister` → `<region code>#<id>`, so a region is a key prefix.
 */
export const MINISTER_KIND = 'minister';

export const ministerIndexKeys = (minister: Pick<Minister, 'regionCode' | 'id'>) => indexKey('byRegion', MINISTER_KIND, `${minister.regionCode}#${minister.id}`);

/** What the rollup reads of a stored head: terms may be missing (stored before they were kept). */
const ministerTermsSchema = z.extend(z.pick(ministerSchema, { id: true, level: true, regionCode: true }), { terms: z.optional(ministerSchema.shape.terms) });

/** A stored head's terms (level and region over time), by id; those stored before terms were kept, one since the first day. */
export function readMinisterTerms(raw: RawItem): [string, Term[]] {
  const minister = parseItem(MINISTER_KIND, ministerTermsSchema, raw);
  return [minister.id, termsOf(minister)];
}

/** What a list reads of a stored head to show beside their records: the name. */
const ministerNameSchema = z.pick(ministerSchema, { id: true, name: true });

/** A stored head's id and name, read with only those attributes projected. */
export function readMinisterName(raw: RawItem): [string, string] {
  const { id, name } = parseItem(MINISTER_KIND, ministerNameSchema, raw);
  return [id, name];
}
