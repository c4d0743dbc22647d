import { type FormRecord, REVIEW_MOVES, type ReviewPatch } from '#schemas/form.ts';
import { ConflictError, ValidationError } from '#functions/domain/errors.ts';
import { parseWith } from '#functions/domain/validation.ts';
import type { CatalogueEntry } from '#functions/catalogue/entry.ts';
import type { Actor, RecordDeps } from '../deps.ts';
import { reviseRecord } from './revise-record.ts';

type Revision = { id: string; expectedVersion: number | '*'; actor: Actor };

/**
 * Correct a record, or move its status on (problems: open → rectifying → rectified).
 * 1. Merge the changed fields into the current record.
 * 2. A status change must be one of the kind's moves (409 otherwise).
 * 3. Check the merged record against the same rules as a new one (422 listing every bad field).
 * 4. A record that staff approved or found issues with goes back to `received`: it changed since.
 * 5. Store it as the next version (see reviseRecord).
 */
export function correctRecord<T extends FormRecord>(deps: RecordDeps, entry: CatalogueEntry<T>, args: Revision & { patch: Record<string, unknown> }): Promise<T> {
  const { form } = entry;
  return reviseRecord(deps, entry, { ...args, action: 'correct' }, (current) => {
    const merged = entry.merge ? entry.merge(current, args.patch) : ({ ...current, ...args.patch } as T);
    if (merged.status !== current.status && !form.statuses.moves[current.status]?.includes(merged.status)) {
      throw new ConflictError({
        zh: `${form.label.zh}不能从“${form.statuses.labels[current.status]}”改为“${form.statuses.labels[merged.status]}”`,
        en: `A ${form.label.en.toLowerCase()} cannot move from ${current.status} to ${merged.status}`,
      });
    }
    parseWith(form.schemas.content, merged, (fields) => new ValidationError(undefined, fields));
    const reopened = merged.review.state === 'approved' || merged.review.state === 'has_issues';
    return reopened ? { ...merged, review: { state: 'received' } } : merged;
  });
}

/** Withdraw a record: it stays readable, marked withdrawn, and stops counting from now on (twice: 409). */
export function withdrawRecord<T extends FormRecord>(deps: RecordDeps, entry: CatalogueEntry<T>, args: Revision): Promise<T> {
  return reviseRecord(deps, entry, { ...args, action: 'withdraw' }, (current) => ({ ...current, status: 'withdrawn' }));
}

/**
 * Review a record (staff): received → approved / has_issues / rejected, and between those three.
 * The same state again, or back to received, is not a move (409). A rejected record stops counting.
 */
export function reviewRecord<T extends FormRecord>(deps: RecordDeps, entry: CatalogueEntry<T>, args: Revision & { review: ReviewPatch }): Promise<T> {
  return reviseRecord(deps, entry, { ...args, action: 'review' }, (current, now) => {
    if (!REVIEW_MOVES[current.review.state].includes(args.review.state)) {
      throw new ConflictError({
        zh: `审核状态不能从“${current.review.state}”改为“${args.review.state}”`,
        en: `The review cannot move from ${current.review.state} to ${args.review.state}`,
      });
    }
    const review = { state: args.review.state, ...(args.review.comment ? { comment: args.review.comment } : {}), by: args.actor.by, at: now };
    return { ...current, review };
  });
}
