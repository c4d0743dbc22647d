import { childrenOf, findRegion, parentOf, PROVINCE_CODE } from '#schemas/regions.ts';

/**
 * A region's month (月度报送) as the pages read it (`GET /months/{YYYY-MM}/{region}`), the glossary's
 * words for its states and actions, and which actions a person may take on it, with why not when not.
 * The API decides; this only spares a person a button that would be refused. No DOM here.
 */
export type MonthState = 'open' | 'submitted' | 'approved' | 'returned' | 'confirmed';
export type MonthAction = 'submit' | 'approve' | 'return' | 'confirm' | 'reopen';

export interface RegionMonth {
  month: string;
  region: string;
  state: MonthState;
  version: number;
  counts: { records: number; awaitingReview: number };
  children: { region: string; state: MonthState }[];
  trail: { action: MonthAction; by: string; byName?: string; at: string; reason?: string }[];
}

export const MONTH_STATES: Readonly<Record<MonthState, string>> = {
  open: '未报送', submitted: '已报送', approved: '已审核', returned: '已退回', confirmed: '已确认',
};
export const MONTH_ACTIONS: Readonly<Record<MonthAction, string>> = {
  submit: '报送', approve: '审核通过', return: '退回', confirm: '确认', reopen: '重新打开',
};
/** The actions that ask for a reason (glossary: the last three). */
export const NEEDS_REASON: readonly MonthAction[] = ['return', 'confirm', 'reopen'];
/** The API asks a reason only of these; 确认's reason is optional. */
export const REASON_REQUIRED: readonly MonthAction[] = ['return', 'reopen'];

/** A month's badge tone: locked months are settled (green when confirmed), a returned one is trouble. */
export const MONTH_TONES: Readonly<Record<MonthState, string>> = {
  open: '', submitted: 'warn', approved: 'ok', returned: 'bad', confirmed: 'ok',
};

/** From 报送 on, a region's records of the month are locked. */
export const isLocked = (state: MonthState) => state === 'submitted' || state === 'approved' || state === 'confirmed';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (text: string) => MONTH.test(text);

/** The month before the one a Beijing date falls in: the month a region closes now. */
export function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The months a picker offers, newest first: `count` months back from the one `today` falls in. */
export function recentMonths(today: string, count: number): string[] {
  const months: string[] = [];
  let month = today.slice(0, 7);
  for (let i = 0; i < count; i++) {
    months.push(month);
    month = previousMonth(`${month}-01`);
  }
  return months;
}

/** The first and last day of a month (the review queue's `from` and `to`). */
export function daysOf(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** 2026年11月. */
export const monthName = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** What a region's children are called: a prefecture's counties, the province's prefectures. */
export function childWord(region: string): string {
  return findRegion(region)?.level === 'province' ? '市（州）' : '县（市、区）';
}

export interface Caller {
  role?: string;
  region: string;
}

/** An action as the view offers it: allowed, or shown disabled with a short reason. */
export type Offer = { action: MonthAction; allowed: true } | { action: MonthAction; allowed: false; why: string };

const isAdmin = (caller: Caller) => caller.role === 'admin';
const isStaffOf = (caller: Caller, region: string | undefined) =>
  region !== undefined && (caller.role === 'staff' || caller.role === 'admin') && caller.region === region;

/**
 * The actions a person has on a region's month, by the contract: the region's staff 报送 (not the
 * province; a prefecture only once every county is 已审核); the parent's staff 审核通过 and 退回 a
 * submitted month; province staff or admins 确认 a prefecture's 已审核 month, or the province's own
 * once every prefecture is; the parent's staff or admins 重新打开. Only the actions of the person's
 * place are offered; those the month's state does not allow yet say why.
 */
export function offersOf(caller: Caller, month: RegionMonth): Offer[] {
  const region = findRegion(month.region);
  if (!region) return [];
  const parent = parentOf(region.code)?.code;
  const offers: Offer[] = [];
  const { state } = month;
  const waiting = month.children.filter((c) => c.state !== 'approved' && c.state !== 'confirmed').length;
  const childrenWaiting = waiting > 0 ? `尚有 ${waiting} 个${childWord(region.code)}未审核通过` : undefined;
  const offer = (action: MonthAction, why: string | undefined) => offers.push(why ? { action, allowed: false, why } : { action, allowed: true });

  if (region.level !== 'province' && isStaffOf(caller, region.code)) {
    offer('submit', isLocked(state) ? `本月${MONTH_STATES[state]}` : childrenWaiting);
  }
  if (region.level !== 'province' && isStaffOf(caller, parent)) {
    const why = state === 'submitted' ? undefined : state === 'open' || state === 'returned' ? `${region.name}尚未报送` : `本月${MONTH_STATES[state]}`;
    offer('approve', why);
    offer('return', why);
  }
  const province = isStaffOf(caller, PROVINCE_CODE) || isAdmin(caller);
  if (province && region.level === 'prefecture') {
    offer('confirm', state === 'approved' ? undefined : state === 'confirmed' ? '本月已确认' : '需先审核通过');
  }
  if (province && region.level === 'province') {
    offer('confirm', state === 'confirmed' ? '本月已确认' : childrenWaiting);
  }
  if (isStaffOf(caller, parent) || isAdmin(caller)) {
    if (region.level !== 'province' || isAdmin(caller)) offer('reopen', isLocked(state) ? undefined : `本月${MONTH_STATES[state]}，无需重新打开`);
  }
  return offers;
}

/** The regions whose months a person may open: their own and those within it (admins: the province down). */
export function monthsTop(caller: Caller): string {
  return isAdmin(caller) ? PROVINCE_CODE : caller.region;
}

/** A region's children, in the reference order, with their states as the month has them (unknown: 未报送). */
export function childRows(month: RegionMonth): { region: string; name: string; state: MonthState }[] {
  const states = new Map(month.children.map((c) => [c.region, c.state]));
  const known = childrenOf(month.region);
  const listed = known.length > 0 ? known.map((r) => r.code) : month.children.map((c) => c.region);
  return listed.map((code) => ({ region: code, name: findRegion(code)?.name ?? code, state: states.get(code) ?? 'open' }));
}

/** How far a region's month is signed off, as `GET /summary` has it (`signOff`, newest month first). */
export interface SignOff {
  month: string;
  state: MonthState;
  children: { approved: number; total: number };
}

/** 已确认 · 8 / 8 个市（州）已审核通过 (a county has no children to count). */
export function signOffText(entry: SignOff, region: string): string {
  const children = entry.children.total > 0 ? ` · ${entry.children.approved} / ${entry.children.total} 个${childWord(region)}已审核通过` : '';
  return `${MONTH_STATES[entry.state]}${children}`;
}
