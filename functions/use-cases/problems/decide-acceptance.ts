import { ACCEPTANCE_STATES, type AcceptanceDecision, acceptanceStateOf } from '#schemas/acceptance.ts';
import { ConflictError } from '#schemas/errors.ts';
import { type Problem, problemKind } from '#schemas/kinds/problem.ts';
import { assertMayAccept } from '#functions/auth/policy.ts';
import type { RecordDeps } from '../deps.ts';
import { reviseRecord, type Revision } from '../records/revise-record.ts';

/**
 * 验收销号 of a rectified problem by the level above its county (schemas/acceptance.ts).
 * 1. Load it as every change does (404 unseen, 409 withdrawn, 412 stale: reviseRecord).
 * 2. Only the staff of the accepting region, or an admin, decide (403).
 * 3. 销号 needs a problem waiting (409 otherwise); 退回 a rectified one, waiting or accepted (an
 *    accepting level may take back its 销号), and moves it back to 整改中 without its date of
 *    completion, keeping who returned it and why, so the head sees it and the trail holds it.
 * 4. Store it as the next version. No month lock applies: 验收 is progress, reported when it happens.
 */
export function decideAcceptance(deps: RecordDeps, args: Revision & { decision: AcceptanceDecision }): Promise<Problem> {
  const { decision } = args;
  return reviseRecord(deps, problemKind, { ...args, action: decision.state === 'accepted' ? 'accept' : 'return' }, (current, now) => {
    if (args.actor.caller) assertMayAccept(args.actor.caller, problemKind.regionOf(current));
    const stands = acceptanceStateOf(current);
    const decided = { by: args.actor.by, at: now };
    if (decision.state === 'accepted') {
      if (stands !== 'waiting') throw notWaiting(stands);
      return { ...current, acceptance: { state: 'accepted', ...decided } };
    }
    if (stands === undefined) throw notWaiting(stands);
    const { rectifiedOn: _dropped, ...rest } = current;
    return { ...rest, status: 'rectifying', acceptance: { state: 'returned', ...decided, reason: decision.reason } };
  });
}

const notWaiting = (stands: 'accepted' | undefined) => new ConflictError(stands === 'accepted'
  ? { zh: `该问题${ACCEPTANCE_STATES.accepted}`, en: 'This problem has already been accepted' }
  : { zh: '该问题尚未整改完成，无需验收', en: 'Only a rectified problem waits for acceptance' });
