import { mayMove, REVIEW, REVIEW_STATES, type FormRecord, type ReviewPatch } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { ConflictError, ForbiddenError } from '#schemas/errors.ts';
import { assertMayWithdraw, mayUse } from '#functions/auth/policy.ts';
import { changesWhatWasDecided } from '#functions/domain/decisions.ts';
import type { RecordDeps } from '../deps.ts';
import { resolveBranches } from './resolve-branches.ts';
import { reviseRecord, type Revision } from './revise-record.ts';
import { movesProgressOnly } from './month-lock.ts';

/**
 * Correct a record, or move its status on (problems: open → rectifying → rectified).
 * 1. A status change must be one of the kind's moves (409 otherwise), and one that is the
 *    department's decision (a model selected or not) is staff's or an admin's (403 otherwise).
 * 2. Merge the changed fields into the current record (a branch named by its registry id made whole)
 *    and check the result against the same rules as a new one (422 listing every bad field).
 * 3. A record that staff approved or found issues with goes back to `received`: it changed since
 *    (not when only its progress moved: a problem's rectification, see the kind's `progress`).
 *    A decided one (a model 已选树 / 未选树) whose decision's subject changed (its nominee) goes back
 *    to its first status (已推荐), unless the same correction decides it again (staff, admins);
 *    the trail says why (reason `redecide`).
 * 4. Store it as the next version (see reviseRecord).
 */
export async function correctRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, args: Revision & { patch: object }): Promise<T> {
  const { form } = kind;
  const patch = await resolveBranches(deps, kind, args.patch);
  // Sent back to be decided: what was decided changed, and the result is no decision (derived from the two versions).
  const reasonOf = (current: T, next: T) =>
    (!form.statuses.decisions?.includes(next.status) && changesWhatWasDecided(form, current, next) ? 'redecide' as const : undefined);
  return reviseRecord(deps, kind, { ...args, action: 'correct', reasonOf }, (current) => {
    const status = 'status' in patch && typeof patch.status === 'string' ? patch.status : current.status;
    if (status !== current.status && !mayMove(form.statuses, current.status, status)) {
      throw new ConflictError({
        zh: `${form.label.zh}不能从“${form.statuses.labels[current.status]}”改为“${form.statuses.labels[status]}”`,
        en: `A ${form.label.en.toLowerCase()} cannot move from ${current.status} to ${status}`,
      });
    }
    const { caller } = args.actor;
    if (status !== current.status && form.statuses.decisions?.includes(status) && caller && !mayUse(caller, 'records.decide')) {
      throw new ForbiddenError({
        zh: `“${form.statuses.labels[status]}”由组织部门工作人员决定`,
        en: `Moving a ${form.label.en.toLowerCase()} to ${status} is the department's decision (staff or admins)`,
      });
    }
    const corrected = kind.merge(current, patch);
    // The decision said again in the same correction, by someone who may decide, stands.
    const decidedAgain = 'status' in patch && form.statuses.decisions?.includes(status) && (!caller || mayUse(caller, 'records.decide'));
    const merged = !decidedAgain && changesWhatWasDecided(form, current, corrected) ? { ...corrected, status: form.statuses.initial[0] } : corrected;
    // A correction sends a reviewed record back to review (a returned one too: 退回 asks for a correction);
    // progress alone (a rectification moving on) leaves what was reported, and reviewed, as it was.
    return merged.review.state === 'received' || movesProgressOnly(kind, current, merged) ? merged : { ...merged, review: { state: 'received' } };
  });
}

/** Withdraw a record: it stays readable, marked withdrawn, and stops counting from now on (twice: 409). */
export function withdrawRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, args: Revision): Promise<T> {
  return reviseRecord(deps, kind, { ...args, action: 'withdraw' }, (current) => {
    if (args.actor.caller) assertMayWithdraw(args.actor.caller, current);
    return { ...current, status: 'withdrawn' };
  });
}

/**
 * Review a record (staff): received → approved / has_issues / rejected, and between those three.
 * The same state again, or back to received, is not a move (409). A rejected record stops counting.
 */
export function reviewRecord<T extends FormRecord>(deps: RecordDeps, kind: Kind<T>, args: Revision & { review: ReviewPatch }): Promise<T> {
  return reviseRecord(deps, kind, { ...args, action: 'review' }, (current, now) => {
    if (!mayMove(REVIEW, current.review.state, args.review.state)) {
      throw new ConflictError({
        zh: `审核状态不能从“${REVIEW_STATES[current.review.state]}”改为“${REVIEW_STATES[args.review.state]}”`,
        en: `The review cannot move from ${current.review.state} to ${args.review.state}`,
      });
    }
    const review = { state: args.review.state, ...(args.review.comment ? { comment: args.review.comment } : {}), by: args.actor.by, at: now };
    return { ...current, review };
  });
}
