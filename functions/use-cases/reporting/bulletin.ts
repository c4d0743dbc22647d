import { BULLETIN_FORMULA } from '#schemas/bulletin-columns.ts';
import type { Bulletin } from '#schemas/bulletin.ts';
import { childrenOf, findRegion } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '#schemas/errors.ts';
import type { Caller } from '#functions/auth/caller.ts';
import { regionInReach } from '#functions/auth/policy.ts';
import type { MonthConfirmations } from '#functions/ports/month-confirmations.ts';
import type { RollupRepository } from '#functions/ports/rollups.ts';
import type { Clock } from '../deps.ts';
import { COUNTING_RULES, datedFiguresOf } from '#functions/rollup/figures.ts';
import type { CardReader } from '#functions/ports/rollups.ts';
import type { MinisterRepository } from '#functions/ports/records.ts';
import { headsOf } from '../ministers/heads-of.ts';
import type { Totals } from '#schemas/summary.ts';
import { type BulletinFigures, rankRows } from '#functions/domain/bulletin-ranking.ts';

export interface BulletinDeps {
  rollups: Pick<RollupRepository, 'lastClosedDayBefore' | 'snapshot' | 'closedStates'>;
  months: MonthConfirmations;
  ministers: Pick<MinisterRepository, 'list'>;
  /** The heads' cards the nightly keeps: each keeps its head's sums per month of the records' date. */
  cards: Pick<CardReader, 'get'>;
  clock: Clock;
}

/** The heads of the region by their own figures of the month, from their kept cards; most visits first. */
async function headsByMonth(deps: BulletinDeps, region: string, month: string): Promise<Bulletin['heads']> {
  const heads = await headsOf(deps, region);
  const cards = await deps.cards.get(Number(month.slice(0, 4)), heads.map((h) => h.id));
  return heads
    .map((head) => {
      const card = cards.get(head.id);
      const figures = card && card.countingRules === COUNTING_RULES ? datedFiguresOf(card.state, month) : null;
      return { minister: { id: head.id, name: head.name, level: head.level, regionCode: head.regionCode }, figures };
    })
    .sort((a, b) => (b.figures?.visits ?? -1) - (a.figures?.visits ?? -1) || a.minister.regionCode.localeCompare(b.minister.regionCode) || a.minister.name.localeCompare(b.minister.name, 'zh-CN'));
}

/** The last day of a month (YYYY-MM). */
const lastDayOf = (month: string): string => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The figures of the month's end as a snapshot keeps them (coverage, overdue, waiting). */
function standingOf(totals: Totals): Pick<BulletinFigures, 'coverageRate' | 'overdueProblems' | 'waitingSuggestions'> {
  const { village, community } = totals.coverage;
  const registered = village.registered + community.registered;
  return {
    coverageRate: registered === 0 ? null : (village.visited + community.visited) / registered,
    overdueProblems: totals.problems.overdue,
    waitingSuggestions: totals.suggestionsWaiting,
  };
}

/**
 * A region's 通报 for a month: its children ranked (a province's prefectures, a prefecture's counties).
 * 1. The caller reads the figures of regions within their own (403 outside): staff, admins and
 *    reporters; a head (or a head's staff) their own region's; an account serving no head, none.
 * 2. A county has no children to rank (400).
 * 3. What stands at the month's end (coverage, overdue problems, suggestions waiting) is the stored
 *    snapshot of the month's last closed day: its children's totals, one item.
 * 4. What is dated in the month (visits, sessions, late records) is each child's rollup state of the
 *    newest closed day, which keeps the sums per month of the records' date: late arrivals and
 *    corrections of the month after its end count, as the month's own figures. A few items,
 *    whatever the history's length.
 * 5. Provisional until the region's month is confirmed (已确认), and while the month's end is not closed.
 * 6. The region's heads by their own records dated in the month, from the cards the nightly keeps.
 */
export async function readBulletin(deps: BulletinDeps, month: string, regionCode: string, caller?: Caller): Promise<Bulletin> {
  if (caller?.role === 'submitter' && !caller.ministerId) throw new ForbiddenError({ zh: '只有组织部长本人及其工作人员可以查看通报', en: 'Only a head and their staff may read the bulletin' });
  const code = caller ? regionInReach(caller, regionCode) : regionCode;
  const region = findRegion(code)!;
  if (region.level === 'county') throw new BadRequestError({ zh: '县级没有下级地区可排名，请查看所属市州或全省的通报', en: 'A county has no regions below it to rank' });
  const today = beijingDate(deps.clock.now());
  if (`${month}-01` > today) throw new BadRequestError({ zh: '该月尚未开始', en: 'That month has not begun' });
  const monthEnd = lastDayOf(month);
  const [endDay, newest] = await Promise.all([deps.rollups.lastClosedDayBefore(addDays(monthEnd, 1)), deps.rollups.lastClosedDayBefore('9999-12-31')]);
  if (!endDay || !newest || endDay.date < `${month}-01`) throw new NotFoundError({ zh: '该月还没有汇总数据', en: 'No closed snapshot in that month yet' });
  const children = childrenOf(code);
  const [snapshot, states, confirmed, heads] = await Promise.all([
    deps.rollups.snapshot(code, endDay.date),
    deps.rollups.closedStates(newest.date, children.map((c) => c.code)),
    deps.months.isConfirmed(month, code),
    headsByMonth(deps, code, month),
  ]);
  const standing = new Map((snapshot?.children ?? []).map((c) => [c.region.code, c.totals]));
  const rows = rankRows(children.map((child) => {
    const dated = datedFiguresOf(states.get(child.code), month);
    const totals = standing.get(child.code);
    return {
      region: child,
      figures: {
        ...(totals ? standingOf(totals) : { coverageRate: null, overdueProblems: 0, waitingSuggestions: 0 }),
        visits: dated.visits, sessions: dated.sessions, late: dated.late,
      },
    };
  }));
  return {
    month,
    region: { code: region.code, name: region.name, level: region.level },
    provisional: !confirmed || endDay.date !== monthEnd,
    asOf: endDay.date,
    formula: BULLETIN_FORMULA,
    rows,
    heads,
  };
}
