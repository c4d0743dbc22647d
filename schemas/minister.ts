import * as z from 'zod/mini';
import { listQueryBase, recordMetaSchema, regionCodeSchema, regionLevelSchema, rule, slugIdSchema, textSchema } from './common.ts';
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
