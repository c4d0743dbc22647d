import * as z from 'zod/mini';
import {
  BRANCH_TYPES, branchIdSchema, branchNameKey, countyCodeSchema, intSchema, labelledEnum, listQueryBase, nameTextSchema, pastDateSchema, prefectureCodeSchema, recordMetaSchema, rule, ruleOnSound,
  textSchema,
} from './common.ts';
import { queryFlagSchema, ruleIssue } from './form.ts';

/**
 * The branch registry (支部名册): every village Party branch and community Party organization of the
 * province, known by county, type and name, with its official code where it has one and the names it
 * went by before. Records name a registered branch by its id; coverage (走访覆盖) counts against it.
 */

export const BRANCH_STATUSES = { active: '在册', closed: '已撤并' } as const;

export { branchIdSchema };

/** An official code (组织代码), as a department's roster has it. */
const codeSchema = nameTextSchema(32).check(z.refine((code) => /^[\p{L}\p{N}._-]+$/u.test(code), ruleOnSound('branch.codeFormat')));

/** A name must still be a name once spacing, width and case are set aside; invisible format characters are refused. */
const nameSchema = nameTextSchema(100).check(z.refine((name) => branchNameKey(name) !== '', ruleOnSound('branch.nameEmpty')));

const entryFields = {
  name: nameSchema,
  type: labelledEnum(BRANCH_TYPES),
  countyCode: countyCodeSchema,
  code: z.optional(codeSchema),
  /** Former names (曾用名): searched like the name. */
  aliases: z._default(z.array(nameSchema).check(z.maxLength(20)), []),
};

/** PUT /branches/{id}: a branch as registered; closed (merged or dissolved) with the day it closed. */
export const branchEntryInputSchema = z
  .strictObject({
    ...entryFields,
    status: z._default(labelledEnum(BRANCH_STATUSES), 'active'),
    closedOn: z.optional(pastDateSchema),
  })
  .check(z.superRefine((entry, ctx) => {
    if (entry.status === 'closed' && entry.closedOn === undefined) ruleIssue(ctx, ['closedOn'], 'branch.closedOnRequired');
    if (entry.status === 'active' && entry.closedOn !== undefined) ruleIssue(ctx, ['closedOn'], 'branch.notClosed');
  }))
  .register(z.globalRegistry, { id: 'BranchInput' });
export type BranchEntryInput = z.output<typeof branchEntryInputSchema>;

export const branchEntrySchema = z
  .object({
    id: branchIdSchema,
    name: z.string(),
    type: labelledEnum(BRANCH_TYPES),
    countyCode: z.string(),
    code: z.optional(z.string()),
    aliases: z.array(z.string()),
    status: labelledEnum(BRANCH_STATUSES),
    closedOn: z.optional(z.iso.date()),
    ...recordMetaSchema.shape,
  })
  .register(z.globalRegistry, { id: 'Branch' });
export type BranchEntry = z.infer<typeof branchEntrySchema>;

/** One row of an import: what a department's roster says of a branch (县 / 名称 / 类型 / 代码). */
export const branchRowSchema = z.strictObject(entryFields);
export type BranchRow = z.output<typeof branchRowSchema>;

/** At most this many rows a request: 500 rows of a roster stay well within the API's 64 KiB body. */
export const MAX_IMPORT_ROWS = 500;

/** POST /branches/import: rows are checked one by one, so every bad row is named by its index. */
export const branchImportSchema = z
  .strictObject({ dryRun: z._default(z.boolean(), false), rows: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)) })
  .register(z.globalRegistry, { id: 'BranchImport' });

export const branchImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    created: intSchema(0),
    updated: intSchema(0),
    unchanged: intSchema(0),
    rejected: z.array(z.object({ index: intSchema(0), errors: z.array(z.object({ path: z.string(), message: z.string() })) })),
  })
  .register(z.globalRegistry, { id: 'BranchImportResult' });

export const branchListQuerySchema = z.strictObject({
  county: z.optional(countyCodeSchema),
  prefecture: z.optional(prefectureCodeSchema),
  type: z.optional(labelledEnum(BRANCH_TYPES)),
  /** A name or former name, spacing, width and case set aside (part of it is enough). */
  q: z.optional(textSchema(100)),
  /** Active branches with (true) or without (false) a counted visit, as of the region's newest snapshot (provisional included). */
  visited: queryFlagSchema,
  status: z.optional(labelledEnum(BRANCH_STATUSES)),
  ...listQueryBase,
}).check(z.refine((q) => !(q.county && q.prefecture) || q.county.startsWith(q.prefecture.slice(0, 4)), { ...rule('region.notWithin'), path: ['county'] }));
export type BranchListQuery = z.infer<typeof branchListQuerySchema>;

export const branchIdParamsSchema = z.object({ id: branchIdSchema });

export { BRANCH_KIND, searchTextOf } from './branch-names.ts';
