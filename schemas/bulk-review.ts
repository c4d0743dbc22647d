import * as z from 'zod/mini';
import { intSchema, uuidSchema } from './common.ts';
import { flagRepeats } from './form.ts';

/**
 * `POST /{kind}/review` (批量通过): staff approve many records of one kind at once. Only approval: a
 * return (退回) or a flag (有问题) needs its own reason, so those stay one record at a time.
 */
export const BULK_REVIEW_LIMIT = 100;

/** One record to approve, with the version the reviewer saw (as If-Match would carry it). */
const bulkReviewItemSchema = z.strictObject({ id: uuidSchema, version: intSchema(1) });

export const bulkReviewSchema = z
  .strictObject({
    state: z.literal('approved'),
    items: z.array(bulkReviewItemSchema).check(z.minLength(1), z.maxLength(BULK_REVIEW_LIMIT)),
  })
  .check(z.superRefine((body, ctx) => flagRepeats(ctx, 'items', body.items, (item) => item.id, 'id.duplicate', ['id'])))
  .register(z.globalRegistry, { id: 'BulkReview' });

export type BulkReview = z.output<typeof bulkReviewSchema>;

/**
 * What became of each item, in the order sent: 200 approved (its new version), 404 gone or not the
 * caller's to see, 409 not to be approved in its state (withdrawn, approved already), 412 changed since
 * the version sent.
 */
export const BULK_OUTCOMES = [200, 404, 409, 412] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export const bulkReviewResultSchema = z
  .strictObject({
    results: z.array(z.strictObject({
      id: uuidSchema,
      status: z.literal(BULK_OUTCOMES),
      version: z.optional(intSchema(1)),
    })),
  })
  .register(z.globalRegistry, { id: 'BulkReviewResult' });

export type BulkReviewResult = z.output<typeof bulkReviewResultSchema>;
