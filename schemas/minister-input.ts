import * as z from 'zod/mini';
import { branchIdSchema, listQueryBase, nameTextSchema, regionCodeSchema, regionLevelSchema, rule, slugIdSchema } from './common.ts';
import { MAX_CONTACT_BRANCHES } from './minister.ts';
import { findRegion } from './regions.ts';

/**
 * What the heads' routes take (a head written, a head named, a list asked for), apart from the head as
 * stored (minister.ts), which every function reading heads' names carries: those build none of these.
 */

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

export const ministerIdParamsSchema = z.object({ id: slugIdSchema });

export const ministerListQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema), ...listQueryBase });
export type MinisterListQuery = z.infer<typeof ministerListQuerySchema>;
