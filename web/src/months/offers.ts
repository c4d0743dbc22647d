import { isLocked, MONTH_ACTIONS, type MonthAction, type MonthState } from '#schemas/month-words.ts';
import type { RegionMonth } from '#schemas/months.ts';
import { childrenOf, findRegion, parentOf, PROVINCE_CODE } from '#schemas/regions.ts';
import { childWord } from './names.ts';

/**
 * Which steps of a region's month (月度报送) a person is offered, with why not when the month's
 * state does not allow one yet. The API decides (functions/domain/month-steps.ts); this only spares
 * a person a button that would be refused. No DOM here.
 */

/** The steps asked for in a dialog, with a reason (glossary: 退回 · 确认 · 重新打开). */
export const NEEDS_REASON: readonly MonthAction[] = ['return', 'confirm', 'reopen'];

export interface Caller {
  role?: string;
  region: string;
}

/** A step as the view offers it: allowed, or shown disabled with a short reason. */
export type Offer = { action: MonthAction; allowed: true } | { action: MonthAction; allowed: false; why: string };

const isAdmin = (caller: Caller) => caller.role === 'admin';
const isStaffOf = (caller: Caller, region: string | undefined) => region !== undefined && caller.role === 'staff' && caller.region === region;
const signedOff = (state: MonthState) => state === 'approved' || state === 'confirmed';

/**
 * The steps of the person's place: the region's staff 报送 (not the province's; a prefecture once
 * every county is 已审核); the parent's staff 审核通过 and 退回 a submitted month; province staff or
 * admins 确认 a prefecture's 已审核 month, or the province's own once every prefecture is; the parent's
 * staff or admins (the province's: admins) 重新打开 a locked one. A step still to come is shown
 * disabled with what it waits for; one the month is already past is not shown (its badge says so).
 */
export function offersOf(caller: Caller, month: RegionMonth): Offer[] {
  const region = findRegion(month.region);
  if (!region) return [];
  const parent = parentOf(region.code)?.code;
  const { state } = month;
  const offers: Offer[] = [];
  const offer = (action: MonthAction, why: string | undefined) => offers.push(why ? { action, allowed: false, why } : { action, allowed: true });
  const waiting = month.children.filter((c) => !signedOff(c.state)).length;
  const childrenWaiting = waiting > 0 ? `尚有 ${waiting} 个${childWord(region.code)}未审核通过` : undefined;

  const notSubmitted = `${region.name}尚未报送`;

  if (region.level !== 'province' && isStaffOf(caller, region.code) && !isLocked(state)) offer('submit', childrenWaiting);
  if (isStaffOf(caller, parent) && !signedOff(state)) {
    const why = state === 'submitted' ? undefined : notSubmitted;
    offer('approve', why);
    offer('return', why);
  }
  if ((isAdmin(caller) || isStaffOf(caller, PROVINCE_CODE)) && state !== 'confirmed') {
    if (region.level === 'prefecture') offer('confirm', state === 'approved' ? undefined : state === 'submitted' ? `需先${MONTH_ACTIONS.approve}` : notSubmitted);
    if (region.level === 'province') offer('confirm', childrenWaiting);
  }
  if ((isAdmin(caller) || isStaffOf(caller, parent)) && isLocked(state)) offer('reopen', undefined);
  return offers;
}

/** The region a person's 月度报送 opens on, and the highest they may open: their own (admins: the province). */
export const monthsTop = (caller: Caller): string => (isAdmin(caller) ? PROVINCE_CODE : caller.region);

/** A region's children, in the reference order, with their states as the month has them (unknown: 未报送). */
export function childRows(month: RegionMonth): { region: string; name: string; state: MonthState }[] {
  const states = new Map(month.children.map((c) => [c.region, c.state]));
  const known = childrenOf(month.region);
  const listed = known.length > 0 ? known.map((r) => r.code) : month.children.map((c) => c.region);
  return listed.map((code) => ({ region: code, name: findRegion(code)?.name ?? code, state: states.get(code) ?? 'open' }));
}
