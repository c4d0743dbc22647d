import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import type { BulkReview, BulkReviewResult } from '#schemas/bulk-review.ts';
import { BULK_OUTCOMES } from '#schemas/bulk-review.ts';
import { AppError } from '#schemas/errors.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { mapInFlight } from '../in-flight.ts';
import { reviewRecord } from './correct-record.ts';

/**
 * Reviews decided at once: DynamoDB Local and a Lambda's connections both serve a handful of writes
 * well; a hundred at once would only queue, and a burst of transactions makes conflicts of its own.
 */
export const BULK_IN_FLIGHT = 8;

type Outcome = BulkReviewResult['results'][number];

const isOutcome = (status: number): status is Exclude<Outcome['status'], 200> =>
  status !== 200 && BULK_OUTCOMES.some((outcome) => outcome === status);

/**
 * 批量通过: approve many records of one kind, each on its own.
 * 1. Each item is the single review (PATCH /{kind}/{id}/review) with If-Match: its version, so the
 *    trail, the work lists and their counts move exactly as they do one by one, and sending the same
 *    batch again approves nothing twice (the versions have moved on: 412).
 * 2. An item the single review refuses as not there (404, the caller's region included), not to be
 *    approved in its state (409) or changed since (412) is that item's answer; the others go on.
 * 3. Anything else (a fault) fails the request, as it fails a single review: what was approved stays
 *    approved, and a retry answers those 412.
 */
export async function approveMany<T extends FormRecord>(
  deps: RecordDeps, kind: Kind<T>, args: { items: BulkReview['items']; actor: Actor }, inFlight = BULK_IN_FLIGHT,
): Promise<Outcome[]> {
  const approve = async ({ id, version }: BulkReview['items'][number]): Promise<Outcome> => {
    try {
      const record = await reviewRecord(deps, kind, { id, expectedVersion: version, actor: args.actor, review: { state: 'approved' } });
      return { id, status: 200, version: record.version };
    } catch (error) {
      if (error instanceof AppError && isOutcome(error.status)) return { id, status: error.status };
      throw error;
    }
  };
  return mapInFlight(args.items, inFlight, approve);
}
