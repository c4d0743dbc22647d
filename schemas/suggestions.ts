import * as z from 'zod/mini';
import { branchSchema, countyCodeSchema, intSchema, listQueryBase, prefectureCodeSchema, queryDateSchema, rule, slugIdSchema, textSchema, uuidSchema } from './common.ts';
import { suggestionSchema, suggestionStatusSchema } from './kinds/visit.ts';

/**
 * The suggestions' own routes (意见建议台账, moving one on): apart from the visit's module, so the
 * functions that serve records build none of these at import.
 */

export const suggestionPatchSchema = z
  .strictObject({ status: suggestionStatusSchema(), response: z.optional(textSchema(2000)) })
  .register(z.globalRegistry, { id: 'SuggestionPatch' });

export type SuggestionPatch = z.infer<typeof suggestionPatchSchema>;

/** GET /suggestions: the suggestions of the visits a caller may see, for the ledger (意见建议台账). */
export const suggestionListQuerySchema = z
  .strictObject({
    county: z.optional(countyCodeSchema),
    prefecture: z.optional(prefectureCodeSchema),
    ministerId: z.optional(slugIdSchema),
    /** The suggestions' own status. */
    status: z.optional(suggestionStatusSchema()),
    /** The visits' dates. */
    from: z.optional(queryDateSchema),
    to: z.optional(queryDateSchema),
    ...listQueryBase,
  })
  .check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { ...rule('range.reversed'), path: ['from'] }));
export type SuggestionListQuery = z.infer<typeof suggestionListQuerySchema>;

/** A suggestion as the ledger lists it: with the visit it was collected on (its version is the ETag a move needs). */
export const suggestionItemSchema = z
  .object({
    ...suggestionSchema().shape,
    /** The visit holding the suggestion, with its head's name (as a visit's own answer has it). */
    visit: z.object({ id: uuidSchema, version: intSchema(1), date: z.iso.date(), ministerId: z.string(), ministerName: z.optional(z.string()), branch: branchSchema }),
  })
  .register(z.globalRegistry, { id: 'SuggestionItem' });
export type SuggestionItem = z.infer<typeof suggestionItemSchema>;
