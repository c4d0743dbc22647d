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
