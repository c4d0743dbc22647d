import { MONTH_ACTIONS, type MonthAction, type MonthActionBody, REASON_REQUIRED, type RegionMonth } from '#schemas/months.ts';
import { fieldRule, ForbiddenError, PreconditionFailedError } from '#schemas/errors.ts';
import { ALL_REGIONS, childrenOf, parentOf, regionContains } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { mayStep, nextState } from '#functions/domain/month-steps.ts';
import type { MonthStep, StoredMonth } from '#functions/ports/months.ts';
import type { Actor, MonthDeps } from '../deps.ts';
import { actorName } from '../records/actor-name.ts';
import { presentMonth } from './read-month.ts';

/**
 * A step of the monthly close: 报送, 审核通过, 退回, 确认 or 重新打开 (domain/month-steps.ts says who and when).
 * 1. The caller must be the one to take this step on this region (403); a return or a reopening needs a reason (422).
 * 2. Read the month, its children's and its parent's in one BatchGet (the province's confirm: every
 *    month below it); the If-Match must be the month's version (412).
 * 3. The state must allow the step (409, saying what state it is in); a confirm also confirms the
 *    months below that are not yet.
 * 4. Write every month moved, each with its trail entry (who by name, when, why), and the step's entry
 *    (from which the table's stream makes its notice, as a record's change makes a decision notice), in
 *    one transaction on the versions read (412 if any moved meanwhile).
 * 5. Answer the month as `GET` does.
 */
export async function actOnMonth(
  deps: MonthDeps, args: { region: string; month: string; action: MonthAction; body: MonthActionBody; expectedVersion: number | '*'; actor: Actor & { caller: Caller } },
): Promise<RegionMonth> {
  const { region, month, action, body, expectedVersion, actor } = args;
  if (!mayStep(actor.caller, action, region)) {
    throw new ForbiddenError({ zh: `无权${MONTH_ACTIONS[action]}该地区的月度`, en: `You may not ${action} this region's month` });
  }
  const reason = body.reason;
  if (REASON_REQUIRED.includes(action) && !reason) throw fieldRule('reason', 'month.reasonRequired');

  const parent = parentOf(region)?.code;
  const childCodes = childrenOf(region).map((c) => c.code);
  // A confirm confirms everything below the month; the others look one level down only.
  const below = action === 'confirm' ? ALL_REGIONS.filter((r) => r.code !== region && regionContains(region, r.code)).map((r) => r.code) : childCodes;
  const read = await deps.months.getMany([region, ...(parent ? [parent] : []), ...below], month);
  const own = read[0];
  const parentMonth = parent ? read[1] : undefined;
  const lower = read.slice(parent ? 2 : 1);
  if (expectedVersion !== '*' && expectedVersion !== own.version) throw new PreconditionFailedError();

  const children = lower.filter((m) => childCodes.includes(m.region));
  const state = nextState(action, own, children, parentMonth);
  const now = deps.clock.now().toISOString();
  const by = (await actorName(deps, actor.caller)) ?? actor.by;
  const entry = { action, by, at: now, ...(reason ? { reason } : {}) };
  const moved = (m: StoredMonth, to: StoredMonth['state']): MonthStep => ({
    previousVersion: m.version,
    next: { ...m, state: to, version: m.version + 1, updatedAt: now, trail: [...m.trail, entry] },
  });
  const steps = [moved(own, state), ...(action === 'confirm' ? lower.filter((m) => m.state !== 'confirmed').map((m) => moved(m, 'confirmed')) : [])];
  const next = steps[0].next;
  if (!(await deps.months.write(steps, { region, month, version: next.version, state, ...entry }))) throw new PreconditionFailedError();
  return presentMonth(deps, next, action === 'confirm' ? children.map((c) => (c.state === 'confirmed' ? c : { ...c, state: 'confirmed' })) : children);
}
