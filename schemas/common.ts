import * as z from 'zod';
import { canonicalRegionCode, findRegion } from './regions.ts';
import { beijingDate, EARLIEST_DATE } from './time.ts';
import type { RuleKey } from './messages.ts';

/** A refinement whose message is looked up by key, so it reads in the caller's language. */
export const rule = (key: RuleKey) => ({ params: { key } });

/** A client-chosen record id: generated when the form opens, so a retry carries the same one. */
export const uuidSchema = z.uuid();

/** Trimmed, non-empty, bounded free text. */
export const textSchema = (max: number) => z.string().trim().min(1).max(max);

/** A Beijing calendar date the campaign could have happened on: 2016-01-01 … today. */
export const pastDateSchema = z.iso
  .date()
  .refine((d) => d >= EARLIEST_DATE, rule('date.tooEarly'))
  .refine((d) => d <= beijingDate(), rule('date.future'));

/** Any syntactically valid date, for query bounds. */
export const queryDateSchema = z.iso.date();

const codeShape = z.string().regex(/^\d{6}$/);

/** A known region code of any level; pre-2020 codes become their current code. */
export const regionCodeSchema = codeShape
  .transform(canonicalRegionCode)
  .refine((code) => findRegion(code) !== undefined, rule('region.unknown'));

/** A county-level code (where branches are); pre-2020 codes become their current code. */
export const countyCodeSchema = regionCodeSchema.refine(
  (code) => findRegion(code)?.level !== 'prefecture' && findRegion(code)?.level !== 'province',
  rule('region.notCounty'),
);

export const prefectureCodeSchema = regionCodeSchema.refine((code) => findRegion(code)?.level === 'prefecture', rule('region.notPrefecture'));

export const regionLevelSchema = z.enum(['province', 'prefecture', 'county']);

/** Ids of reference records chosen by people (e.g. a minister "m-630102-01"). */
export const slugIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** Server-kept fields every stored record carries. */
export const recordMetaSchema = z.object({
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** RFC 9457 problem details, with every invalid field listed. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const listQueryBase = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2048).optional(),
};

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
