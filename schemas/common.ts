import * as z from 'zod/mini';
import { canonicalRegionCode, findRegion } from './regions.ts';
import { beijingDate, EARLIEST_DATE } from './time.ts';
import type { RuleKey } from './messages.ts';
import { BRANCH_TYPES } from './branch-types.ts';

// zod/mini: the functional API of the same zod 4 package, with the same parsing, at about 40 KB of a
// Lambda bundle instead of classic zod's 97 KB. Rules go in `.check(...)`, wrappers are functions
// (`z.optional(x)`, `z._default(x, v)`), and `.register(z.globalRegistry, { id })` names a schema
// for the OpenAPI document (classic's `.meta({ id })`).

/** A refinement whose message is looked up by key, so it reads in the caller's language. */
export const rule = (key: RuleKey) => ({ params: { key } });

/**
 * A refinement that runs only on a value no earlier check of its field has refused: a malformed date
 * is told it is malformed, not also that it is "before 2016-01-01" or "later than today".
 */
export const ruleOnSound = (key: RuleKey) => ({ ...rule(key), when: (payload: z.core.ParsePayload) => payload.issues.length === 0 });

/** A whole number (safe integer), optionally bounded: classic's `z.number().int().min(min).max(max)`. */
export const intSchema = (min?: number, max?: number) => {
  const checks: z.core.$ZodCheck<number>[] = [z.int()];
  if (min !== undefined) checks.push(z.minimum(min));
  if (max !== undefined) checks.push(z.maximum(max));
  return z.number().check(...checks);
};

/** A client-chosen record id: generated when the form opens, so a retry carries the same one. */
export const uuidSchema = z.uuid().check(z.toLowerCase());

/** Half of a UTF-16 surrogate pair without its other half: not text, and DynamoDB stores only valid UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Unicode format characters (category Cf: U+200B zero-width space, U+202E right-to-left override,
 * U+FEFF, U+2066 …): invisible, they make two different strings look alike, or one string look like
 * another reversed. The rule, in one place: a name that identifies something (a branch, its former
 * names, a head, a unit) with one of them is refused, naming the field; free text has them removed,
 * except the zero-width joiner that holds an emoji like 👨‍👩‍👧 together.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;
const STRAY_FORMAT_CHARACTERS = /(?!\u200D)\p{Cf}/gu;

/** Free text without its stray format characters (see above). */
export const withoutFormatCharacters = (text: string): string => text.replace(STRAY_FORMAT_CHARACTERS, '');

/** Trimmed, non-empty, bounded free text; format characters removed. */
export const textSchema = (max: number) =>
  z.string().check(
    z.overwrite(withoutFormatCharacters), z.trim(), z.minLength(1), z.maxLength(max), z.refine((s) => !LONE_SURROGATE.test(s), rule('text.malformed')),
  );

/** Trimmed, non-empty, bounded name of something people pick or match by name: no format characters at all (see above). */
export const nameTextSchema = (max: number) =>
  z.string().check(
    z.trim(), z.minLength(1), z.maxLength(max),
    z.refine((s) => !LONE_SURROGATE.test(s), rule('text.malformed')), z.refine((s) => !FORMAT_CHARACTER.test(s), rule('text.formatCharacters')),
  );

/** A Beijing calendar date the campaign could have happened on: 2016-01-01 … today. */
export const pastDateSchema = z.iso.date().check(
  z.refine((d) => d >= EARLIEST_DATE, ruleOnSound('date.tooEarly')),
  z.refine((d) => d <= beijingDate(), ruleOnSound('date.future')),
);

/** Any syntactically valid date, for query bounds. */
export const queryDateSchema = z.iso.date();

const codeShape = z.string().check(z.regex(/^\d{6}$/));

/** A known region code of any level; pre-2020 codes become their current code. */
export const regionCodeSchema = z
  .pipe(codeShape, z.transform(canonicalRegionCode))
  .check(z.refine((code) => findRegion(code) !== undefined, rule('region.unknown')));

/** A county-level code (where branches are); pre-2020 codes become their current code. */
export const countyCodeSchema = regionCodeSchema.check(z.refine(
  (code) => findRegion(code)?.level !== 'prefecture' && findRegion(code)?.level !== 'province',
  rule('region.notCounty'),
));

export const prefectureCodeSchema = regionCodeSchema.check(z.refine((code) => findRegion(code)?.level === 'prefecture', rule('region.notPrefecture')));

export const regionLevelSchema = z.enum(['province', 'prefecture', 'county']);

/** A region as answers name it. */
export const regionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

/**
 * An enumeration whose values are English keys and whose Chinese labels travel with it: the JSON
 * Schema and OpenAPI document carry them as `x-enum-labels` (and in the description), so forms
 * and reports show people the words they use.
 */
export function labelledEnum<const T extends Record<string, string>>(labels: T) {
  const keys = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  const description = Object.entries(labels).map(([k, v]) => `${k} ${v}`).join(' · ');
  return z.enum(keys).register(z.globalRegistry, { description, 'x-enum-labels': labels });
}

export { BRANCH_TYPES, type BranchType } from './branch-types.ts';

/** A registered branch's id (支部名册): chosen by whoever registers it, derived from its identity by an import. */
export const branchIdSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/));

/**
 * A grassroots Party organization as a record keeps it: its county, type and name, and its registry
 * id when it is a registered branch (one without an id is not registered: staff may match it to one
 * by a correction).
 */
export const branchSchema = z.strictObject({
  id: z.optional(branchIdSchema),
  name: nameTextSchema(100),
  type: labelledEnum(BRANCH_TYPES),
  countyCode: countyCodeSchema,
});

const BRANCH_FIELDS = ['name', 'type', 'countyCode'] as const;

/**
 * A branch as a submission names it: `{ id }` of a registered branch (its name, type and county then
 * come from the registry), or county, type and name typed in (not registered).
 */
export const branchInputSchema = z
  .strictObject({
    id: z.optional(branchIdSchema),
    name: z.optional(nameTextSchema(100)),
    type: z.optional(labelledEnum(BRANCH_TYPES)),
    countyCode: z.optional(countyCodeSchema),
  })
  .check(z.superRefine((branch, ctx) => {
    if (branch.id !== undefined) return;
    for (const field of BRANCH_FIELDS) {
      if (branch[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'field.required', params: { key: 'field.required' } });
    }
  }));

/** Ids of reference records chosen by people (e.g. a minister "m-630102-01"). */
export const slugIdSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/));

/** Server-kept fields every stored record carries. */
export const recordMetaSchema = z.object({
  version: intSchema(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const listQueryBase = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
};

export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/**
 * A branch's name as compared: two spellings that differ only in width (NFKC), spacing of any kind
 * (U+3000, U+00A0, …), invisible format characters (U+200B, U+200C, U+200D, U+2060, U+00AD, U+FEFF, …)
 * or case are one name.
 */
export const branchNameKey = (name: string): string => name.normalize('NFKC').replace(/[\p{Cf}\p{Z}\s]/gu, '').toLowerCase();

/**
 * Which branch a record names, as one string: a registered branch by its registry id, any other by
 * its county and its name as compared. The suspected duplicate slot and the count of distinct
 * branches visited both go by it.
 */
export const branchIdentity = (branch: { id?: string; countyCode: string; name: string }): string =>
  (branch.id ? `id:${branch.id}` : `${canonicalRegionCode(branch.countyCode)}#${branchNameKey(branch.name)}`);
