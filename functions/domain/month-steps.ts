import { isLocked, lockSentence, MONTH_ACTIONS, MONTH_STATES, type MonthAction, type MonthState } from '#schemas/month-words.ts';
import { ConflictError, ForbiddenError, MonthLockedError } from '#schemas/errors.ts';
import { findRegion, parentOf, PROVINCE_CODE } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import type { StoredMonth } from '#functions/ports/months.ts';

/**
 * The monthly close's rules, decided here and nowhere else (use-cases/months/ applies them):
 * - 报送 submit: the region's own staff, from 未报送 or 已退回; a prefecture only once every county
 *   is 已审核 (or 已确认); the province's month is not submitted (the province confirms it);
 * - 审核通过 approve and 退回 return: the parent's staff (the province's, for a prefecture), from 已报送;
 * - 确认 confirm: province staff or admins, a prefecture's 已审核 month (its counties' months are
 *   confirmed with it, in the same transaction), or the province's own once every prefecture is
 *   已审核 or 已确认 (the prefectures and counties not yet confirmed are confirmed with it);
 * - 重新打开 reopen: the parent's staff or admins (admins alone for the province), from a locked
 *   state back to 未报送, and only while the parent's month is not locked itself: a parent signed
 *   off on its children is reopened first, so a locked month never sits above an open one.
 * That last rule is what lets a record's write read one month only, its own region's.
 */

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const regionName = (code: string) => findRegion(code)?.name ?? code;
const stateOf = (state: MonthState) => MONTH_STATES[state];


/** The 409 a write of a record in a locked month answers. */
export function monthLocked(month: StoredMonth): MonthLockedError {
  return new MonthLockedError({
    zh: lockSentence(month.region, month.month, month.state),
    en: `${month.month} of region ${month.region} is ${month.state}; ask ${parentOf(month.region) ? `the staff of ${parentOf(month.region)!.code}` : 'an admin'} to reopen it`,
  });
}

const isStaffOf = (caller: Caller, region: string | undefined) => caller.role === 'staff' && region !== undefined && caller.region === region;

/** Whether the caller may take this step on this region's month at all (403 otherwise; the state is checked after). */
export function mayStep(caller: Caller, action: MonthAction, region: string): boolean {
  const parent = parentOf(region)?.code;
  switch (action) {
    case 'submit': return isStaffOf(caller, region);
    case 'approve':
    case 'return': return isStaffOf(caller, parent);
    case 'confirm': return caller.role === 'admin' || isStaffOf(caller, PROVINCE_CODE);
    case 'reopen': return caller.role === 'admin' || isStaffOf(caller, parent);
  }
}

const DONE: Record<MonthAction, string> = { submit: 'submitted', approve: 'approved', return: 'returned', confirm: 'confirmed', reopen: 'reopened' };

const notNow = (month: StoredMonth, action: MonthAction, why?: string) => new ConflictError({
  zh: `${regionName(month.region)}${monthWords(month.month)}当前为“${stateOf(month.state)}”，不能${MONTH_ACTIONS[action]}${why ? `：${why}` : ''}`,
  en: `${month.month} of region ${month.region} is ${month.state}: it cannot be ${DONE[action]} now${why ? ` (${why})` : ''}`,
});

const signedOff = (state: MonthState) => state === 'approved' || state === 'confirmed';

/** What the step makes of the month, given its children's months and its parent's (409 when the state does not allow it). */
export function nextState(action: MonthAction, month: StoredMonth, children: readonly StoredMonth[], parent: StoredMonth | undefined): MonthState {
  const level = findRegion(month.region)?.level;
  const waiting = children.filter((c) => !signedOff(c.state)).map((c) => regionName(c.region));
  const childrenWaiting = () => `${waiting.slice(0, 5).join('、')}${waiting.length > 5 ? `等 ${waiting.length} 个地区` : ''}尚未审核通过`;
  switch (action) {
    case 'submit':
      if (level === 'province') throw notNow(month, action, '省级月度不报送，由省级工作人员确认');
      if (month.state !== 'open' && month.state !== 'returned') throw notNow(month, action);
      if (waiting.length) throw notNow(month, action, childrenWaiting());
      return 'submitted';
    case 'approve':
    case 'return':
      if (month.state !== 'submitted') throw notNow(month, action);
      return action === 'approve' ? 'approved' : 'returned';
    case 'confirm':
      if (level === 'county') throw notNow(month, action, '县级月度随所属市州一并确认');
      if (level === 'prefecture' && month.state !== 'approved') throw notNow(month, action);
      if (level === 'province') {
        if (month.state === 'confirmed') throw notNow(month, action);
        if (waiting.length) throw notNow(month, action, childrenWaiting());
      }
      return 'confirmed';
    case 'reopen':
      if (!isLocked(month.state)) throw notNow(month, action);
      if (parent && isLocked(parent.state)) throw notNow(month, action, `请先重新打开${regionName(parent.region)}的月度`);
      return 'open';
  }
}
