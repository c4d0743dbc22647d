import * as z from 'zod/mini';
import { textSchema, uuidSchema } from './common.ts';

/**
 * What a record holds of its evidence: the `attachments` field every kind that carries evidence
 * declares (visits, problems, reports, trainings, models, inspections). The attachments themselves,
 * as the API speaks of them, are in attachment.ts.
 */

/** The most attachments one record holds. */
export const MAX_ATTACHMENTS = 20;

/** An attachment as a record names it. */
export const attachmentRefSchema = z.strictObject({
  id: uuidSchema,
  /** What the photo shows (整改后的活动室, …). */
  caption: z.optional(textSchema(200)),
});
export type AttachmentRef = z.output<typeof attachmentRefSchema>;

/**
 * The `attachments` field of every kind that carries evidence: at most 20, each id once; absent is
 * none (so records stored before evidence existed are as valid as new ones). Which of them exist, are
 * the writer's, and passed the checks is the write's to decide (held-attachments.ts).
 */
export const attachmentsField = z.optional(
  z.array(attachmentRefSchema).check(
    z.maxLength(MAX_ATTACHMENTS),
    z.superRefine((refs, ctx) => {
      const seen = new Set<string>();
      refs.forEach((ref, i) => {
        if (seen.has(ref.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'id.duplicate', params: { key: 'id.duplicate' } });
        seen.add(ref.id);
      });
    }),
  ),
);

/** The ids a record holds (none for a kind without the field). */
export const attachmentIdsOf = (record: object): string[] =>
  ((record as { attachments?: readonly AttachmentRef[] }).attachments ?? []).map((ref) => ref.id);

