import { ROLES } from './access.ts';
import { findRegion, parentOf, PROVINCE_CODE } from './regions.ts';

/** The monthly close's words (月度报送: the glossary's states and steps) and which states lock a month; no zod, so every page may read them. */

export const MONTH_STATES = {
  open: '未报送',
  submitted: '已报送',
  approved: '已审核',
  returned: '已退回',
  confirmed: '已确认',
} as const;
export type MonthState = keyof typeof MONTH_STATES;

/** The steps, in the glossary's words; `return` and `reopen` need a reason (confirm and approve may carry one). */
export const MONTH_ACTIONS = {
  submit: '报送',
  approve: '审核通过',
  return: '退回',
  confirm: '确认',
  reopen: '重新打开',
} as const;
export type MonthAction = keyof typeof MONTH_ACTIONS;
export const REASON_REQUIRED: readonly MonthAction[] = ['return', 'reopen'];

/** The states in which the month's records are locked (a write of them → 409 month-locked). */
export const LOCKED_STATES: readonly MonthState[] = ['submitted', 'approved', 'confirmed'];
export const isLocked = (state: MonthState): boolean => LOCKED_STATES.includes(state);

/**
 * Who reopens a locked month, in words: the parent's staff, or (the province's) the admins. A county's
 * month 已确认 was confirmed with its prefecture's, which must be reopened first (top down): the
 * province's staff, step by step.
 */
export function reopenerOf(region: string, state: MonthState): string {
  const parent = parentOf(region);
  if (!parent) return ROLES.admin;
  if (state === 'confirmed' && parent.code !== PROVINCE_CODE) return `${findRegion(PROVINCE_CODE)!.name}${ROLES.staff}逐级`;
  return `${parent.name}${ROLES.staff}`;
}

/** 城东区2026年11月（已报送）：本月已报送，如需修改请联系西宁市工作人员重新打开: the API's refusal and the forms page say it alike. */
export function lockSentence(region: string, month: string, state: MonthState): string {
  const where = `${findRegion(region)?.name ?? region}${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
  return `${where}（${MONTH_STATES[state]}）：本月已报送，如需修改请联系${reopenerOf(region, state)}重新打开`;
}
