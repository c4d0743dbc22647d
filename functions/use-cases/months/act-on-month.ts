import { MONTH_ACTIONS, type MonthAction, type MonthActionBody, REASON_REQUIRED, type RegionMonth } from '#schemas/months.ts';
import { NOTICE_RULES, type NoticeRule } from '#schemas/notices.ts';
import { fieldRule, ForbiddenError, PreconditionFailedError } from '#schemas/errors.ts';
import { ALL_REGIONS, childrenOf, findRegion, parentOf, regionContains } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { mayStep, nextState } from '#functions/domain/month-steps.ts';
import type { NewNotice } from '#functions/domain/notices.ts';
import type { MonthStep, StoredMonth } from '#functions/ports/months.ts';
import type { Actor, MonthDeps } from '../deps.ts';
import { actorName } from '../records/actor-name.ts';
import { presentMonth } from './read-month.ts';

/** Who hears of a step: the parent's staff of a submit, the region's own staff of a return, an approval, a reopening. */
const NOTIFIED: Partial<Record<MonthAction, { rule: NoticeRule; to: 'parent' | 'region' }>> = {
  submit: { rule: 'month.submitted', to: 'parent' },
  return: { rule: 'month.returned', to: 'region' },
  approve: { rule: 'month.approved', to: 'region' },
  reopen: { rule: 'month.reopened', to: 'region' },
};

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function noticeOf(step: StoredMonth, action: MonthAction, by: string, reason: string | undefined): NewNotice[] {
  const notified = NOTIFIED[action];
  const to = notified?.to === 'parent' ? parentOf(step.region)?.code : step.region;
  if (!notified || !to) return [];
  const name = findRegion(step.region)?.name ?? step.region;
  return [{
    to: { region: to },
    rule: notified.rule,
    subject: { view: 'months', region: step.region, month: step.month },
    period: `v${step.version}`,
    title: `${name}${monthWords(step.month)}${NOTICE_RULES[notified.rule].replace('月度', '月度报送')}`,
    body: `${MONTH_ACTIONS[action]}人：${by}。${reason ? `理由：${reason}。` : ''}${action === 'submit' ? '请审核。' : action === 'approve' ? '' : '请核对修改后重新报送。'}`,
    createdAt: step.updatedAt,
  }];
}

/**
 * A step of the monthly close: 报送, 审核通过, 退回, 确认 or 重新打开 (domain/month-steps.ts says who and when).
 * 1. The caller must be the one to take this step on this region (403); a return or a reopening needs a reason (422).
 * 2. Read the month, its children's and its parent's in one BatchGet (the province's confirm: every
 *    month below it); the If-Match must be the month's version (412).
 * 3. The state must allow the step (409, saying what state it is in); a confirm also confirms the
 *    months below that are not yet.
 * 4. Write every month moved, each with its trail entry (who by name, when, why), and the notice of
 *    the step, in one transaction on the versions read (412 if any moved meanwhile).
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
  if (!(await deps.months.write(steps, noticeOf(next, action, by, reason)))) throw new PreconditionFailedError();
  return presentMonth(deps, next, action === 'confirm' ? children.map((c) => (c.state === 'confirmed' ? c : { ...c, state: 'confirmed' })) : children);
}
