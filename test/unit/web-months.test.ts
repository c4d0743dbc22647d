import { describe, expect, it } from 'vitest';
import { childrenOf } from '#schemas/regions.ts';
import { hrefOf, parseRoute } from '#web/src/desk/route.ts';
import { noticeHref } from '#web/src/notices/link.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import { reportKind } from '#schemas/kinds/report.ts';
import { lockText, monthLocks, monthPlaceOf } from '#web/src/months/lock.ts';
import type { MonthState } from '#schemas/month-words.ts';
import type { RegionMonth } from '#schemas/months.ts';
import { daysOf, monthName, previousMonth, recentMonths } from '#web/src/months/calendar.ts';
import { signOffText } from '#web/src/months/names.ts';
import { childRows, offersOf } from '#web/src/months/offers.ts';

const monthOf = (region: string, state: MonthState, children: MonthState[] = []): RegionMonth => ({
  month: '2026-11', region, state, version: 3, counts: { records: 12, awaitingReview: 2 },
  children: childrenOf(region).map((c, i) => ({ region: c.code, state: children[i] ?? 'approved' })), trail: [],
});
const countyStaff = { role: 'staff', region: '630102' };
const prefectureStaff = { role: 'staff', region: '630100' };
const provinceStaff = { role: 'staff', region: '630000' };
const admin = { role: 'admin', region: '630000' };
const shown = (offers: ReturnType<typeof offersOf>) => offers.map((o) => (o.allowed ? o.action : `${o.action}: ${o.why}`));

describe('月度报送: the months a region closes', () => {
  it('default to the month before today, list the recent ones newest first, and span their days', () => {
    expect(previousMonth('2026-12-07')).toBe('2026-11');
    expect(previousMonth('2027-01-15')).toBe('2026-12');
    expect(recentMonths('2027-02-01', 3)).toEqual(['2027-02', '2027-01', '2026-12']);
    expect(daysOf('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(daysOf('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthName('2026-03')).toBe('2026年3月');
  });

  it('list every child of the region, a child the month does not name yet as 未报送', () => {
    const month = { ...monthOf('630100', 'open'), children: [{ region: '630103', state: 'submitted' as const }] };
    const rows = childRows(month);
    expect(rows).toHaveLength(childrenOf('630100').length);
    expect(rows.find((r) => r.region === '630103')).toMatchObject({ name: '城中区', state: 'submitted' });
    expect(rows.find((r) => r.region === '630102')?.state).toBe('open');
  });
});

describe('月度报送: the steps a person is offered', () => {
  it('a county staff 报送 their own open or returned month; once 已报送 there is nothing for them to do', () => {
    expect(shown(offersOf(countyStaff, monthOf('630102', 'open')))).toEqual(['submit']);
    expect(shown(offersOf(countyStaff, monthOf('630102', 'returned')))).toEqual(['submit']);
    expect(shown(offersOf(countyStaff, monthOf('630102', 'submitted')))).toEqual([]);
    // Another county's month is not theirs to act on.
    expect(offersOf(countyStaff, monthOf('630103', 'open'))).toEqual([]);
  });

  it('the prefecture 审核通过, 退回 or 重新打开 a county month, and 报送 its own only once every county is approved', () => {
    expect(shown(offersOf(prefectureStaff, monthOf('630102', 'submitted')))).toEqual(['approve', 'return', 'reopen']);
    expect(shown(offersOf(prefectureStaff, monthOf('630102', 'open')))).toEqual(['approve: 城东区尚未报送', 'return: 城东区尚未报送']);
    expect(shown(offersOf(prefectureStaff, monthOf('630102', 'approved')))).toEqual(['reopen']);
    expect(shown(offersOf(prefectureStaff, monthOf('630100', 'open', ['approved', 'submitted', 'open', 'returned'])))).toEqual([
      'submit: 尚有 3 个县（市、区）未审核通过']);
    expect(shown(offersOf(prefectureStaff, monthOf('630100', 'open')))).toEqual(['submit']);
  });

  it('the province 审核通过 and 确认 a prefecture month, and 确认 its own once every prefecture is approved', () => {
    expect(shown(offersOf(provinceStaff, monthOf('630100', 'submitted')))).toEqual(['approve', 'return', 'confirm: 需先审核通过', 'reopen']);
    expect(shown(offersOf(provinceStaff, monthOf('630100', 'approved')))).toEqual(['confirm', 'reopen']);
    expect(shown(offersOf(provinceStaff, monthOf('630100', 'confirmed')))).toEqual(['reopen']);
    expect(shown(offersOf(provinceStaff, monthOf('630000', 'open', ['approved', 'open'])))).toEqual(['confirm: 尚有 1 个市（州）未审核通过']);
    // Only an admin reopens the province's own month.
    expect(shown(offersOf(provinceStaff, monthOf('630000', 'confirmed')))).toEqual([]);
    expect(shown(offersOf(admin, monthOf('630000', 'confirmed')))).toEqual(['reopen']);
    // Admins confirm and reopen, as the API has it; submitting, approving and returning are the staff's.
    expect(shown(offersOf(admin, monthOf('630100', 'submitted')))).toEqual(['confirm: 需先审核通过', 'reopen']);
    expect(shown(offersOf(admin, monthOf('630102', 'submitted')))).toEqual(['reopen']);
  });
});

describe('月度报送: its address', () => {
  it('keeps the region and month in the desk address, and a month notice opens it', () => {
    expect(hrefOf(parseRoute('#/months?region=630102&month=2026-11'))).toBe('#/months?region=630102&month=2026-11');
    expect(parseRoute('#/months')).toEqual({ view: 'months', filters: {} });
    expect(noticeHref({ view: 'months', region: '630102', month: '2026-11' })).toBe('desk.html#/months?region=630102&month=2026-11');
  });
});

describe('月度报送 on the forms page: a record\'s month and whether it is locked', () => {
  const visit = { date: '2026-11-20', branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' } };

  it('reads the month and county off the record as typed, a registered branch by the county of its list', () => {
    expect(monthPlaceOf(visitKind, visit, () => undefined)).toEqual({ month: '2026-11', region: '630102' });
    expect(monthPlaceOf(visitKind, { date: '2026-11-20', branch: { id: 'b-1' } }, (id) => (id === 'b-1' ? '630103' : undefined)))
      .toEqual({ month: '2026-11', region: '630103' });
    expect(monthPlaceOf(reportKind, { date: '2026-10-02', branches: [{ id: 'b-1' }] }, () => '630104')).toEqual({ month: '2026-10', region: '630104' });
    // Not filled that far: no month to speak of.
    expect(monthPlaceOf(visitKind, { date: '2026-11-20' }, () => undefined)).toBeUndefined();
    expect(monthPlaceOf(reportKind, { date: '2026-11-20', branches: [] }, () => undefined)).toBeUndefined();
    expect(monthPlaceOf(visitKind, { branch: visit.branch }, () => undefined)).toBeUndefined();
  });

  it('holds a month locked from 报送 on, in the glossary\'s words naming who reopens it, and asks once a while', async () => {
    const asked: string[] = [];
    let state = 'submitted';
    let clock = 0;
    const locks = monthLocks(async (path) => { asked.push(path); return { status: 200, body: { state } }; }, () => clock);
    const lock = await locks.check({ month: '2026-11', region: '630102' });
    expect(lock?.text).toBe('城东区2026年11月（已报送）：本月已报送，如需修改请联系西宁市工作人员重新打开。');
    await locks.check({ month: '2026-11', region: '630102' });
    expect(asked).toEqual(['/months/2026-11/630102']);
    state = 'returned';
    clock += 3 * 60_000;
    expect(await locks.check({ month: '2026-11', region: '630102' })).toBeUndefined();
    expect(asked).toHaveLength(2);
    expect(lockText({ month: '2026-11', region: '630100' }, 'confirmed')).toContain('如需修改请联系青海省工作人员重新打开');
    // A county's month confirmed with its prefecture's is reopened top down, from the province.
    expect(lockText({ month: '2026-11', region: '630102' }, 'confirmed')).toBe('城东区2026年11月（已确认）：本月已报送，如需修改请联系青海省工作人员逐级重新打开。');
    expect(lockText({ month: '2026-11', region: '630102' }, 'approved')).toContain('如需修改请联系西宁市工作人员重新打开');
    expect(lockText({ month: '2026-11', region: '630000' }, 'confirmed')).toContain('如需修改请联系管理员重新打开');
  });

  it('holds nothing locked that it could not ask about (no answer, or not the person\'s to read)', async () => {
    const offline = monthLocks(async () => { throw new Error('offline'); });
    expect(await offline.check({ month: '2026-11', region: '630102' })).toBeUndefined();
    const refused = monthLocks(async () => ({ status: 403, body: { status: 403 } }));
    expect(await refused.check({ month: '2026-11', region: '630102' })).toBeUndefined();
  });
});

describe('月度报送 on the dashboard', () => {
  it('says per month its state and how many children are approved (a county has none to count)', () => {
    expect(signOffText({ month: '2026-11', state: 'confirmed', children: { approved: 8, total: 8 } }, '630000')).toBe('已确认 · 8 / 8 个市（州）已审核通过');
    expect(signOffText({ month: '2026-11', state: 'open', children: { approved: 2, total: 7 } }, '630100')).toBe('未报送 · 2 / 7 个县（市、区）已审核通过');
    expect(signOffText({ month: '2026-11', state: 'submitted', children: { approved: 0, total: 0 } }, '630102')).toBe('已报送');
  });
});
