import { describe, expect, it } from 'vitest';
import { competitionRanks, rankRows, type BulletinFigures } from '#functions/domain/bulletin-ranking.ts';
import { childrenOf, findRegion } from '#schemas/regions.ts';
import { BULLETIN_COLUMNS, BULLETIN_FORMULA, bulletinTitle, rateText } from '#schemas/bulletin-columns.ts';

const figures = (f: Partial<BulletinFigures> = {}): BulletinFigures => ({ coverageRate: 0.5, visits: 0, sessions: 0, late: 0, overdueProblems: 0, waitingSuggestions: 0, ...f });
const [a, b, c, d] = childrenOf('630100');

describe('通报 ranking', () => {
  it('ranks ties together and skips the next rank (1224), in each direction', () => {
    expect(competitionRanks([5, 9, 5, 1], 'higher')).toEqual([2, 1, 2, 4]);
    expect(competitionRanks([5, 9, 5, 1], 'lower')).toEqual([2, 4, 2, 1]);
    expect(competitionRanks([0, 0, 0], 'lower')).toEqual([1, 1, 1]);
    // No registered branches: below every known rate, whatever the direction's numbers.
    expect(competitionRanks([null, 0, 0.3], 'higher')).toEqual([3, 2, 1]);
  });

  it('ranks more visits, sessions and coverage higher; fewer late records, overdue problems and waiting suggestions higher', () => {
    expect(BULLETIN_COLUMNS.map((col) => [col.key, col.better])).toEqual([
      ['coverageRate', 'higher'], ['visits', 'higher'], ['sessions', 'higher'], ['late', 'lower'], ['overdueProblems', 'lower'], ['waitingSuggestions', 'lower'],
    ]);
    const rows = rankRows([
      { region: a, figures: figures({ visits: 3, late: 4 }) },
      { region: b, figures: figures({ visits: 7, late: 1 }) },
    ]);
    const of = (code: string) => rows.find((r) => r.region.code === code)!;
    expect(of(a.code).ranks).toEqual({ coverageRate: 1, visits: 2, sessions: 1, late: 2, overdueProblems: 1, waitingSuggestions: 1 });
    expect(of(b.code).ranks).toEqual({ coverageRate: 1, visits: 1, sessions: 1, late: 1, overdueProblems: 1, waitingSuggestions: 1 });
    expect(rows.map((r) => [r.region.code, r.overallRank])).toEqual([[b.code, 1], [a.code, 2]]);
  });

  it('ranks overall by the sum of the column ranks, an equal sum by the coverage rate, and shares a rank still equal', () => {
    const rows = rankRows([
      // Sum 1+2+1+1+1+1 = 7 for a and b alike; a covers more, so a is ahead.
      { region: a, figures: figures({ coverageRate: 0.9, visits: 1 }) },
      { region: b, figures: figures({ coverageRate: 0.4, visits: 5 }) },
      // c and d: the same figures, the same rank.
      { region: c, figures: figures({ coverageRate: 0.4, late: 2, overdueProblems: 3 }) },
      { region: d, figures: figures({ coverageRate: 0.4, late: 2, overdueProblems: 3 }) },
    ]);
    const sums = Object.fromEntries(rows.map((r) => [r.region.code, Object.values(r.ranks).reduce((x, y) => x + y, 0)]));
    expect(sums[a.code]).toBe(7);
    expect(sums[b.code]).toBe(7);
    const ranks = Object.fromEntries(rows.map((r) => [r.region.code, r.overallRank]));
    expect([ranks[a.code], ranks[b.code]]).toEqual([1, 2]);
    expect(ranks[c.code]).toBe(ranks[d.code]);
    // Recount the formula on its own: order by (no visits, sum, -rate) and give competition ranks.
    const key = (code: string) => {
      const row = rows.find((r) => r.region.code === code)!;
      return [row.figures.visits > 0 ? 0 : 1, sums[code], -(row.figures.coverageRate ?? -1)];
    };
    const before = (x: number[], y: number[]) => x[0] < y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
    for (const row of rows) {
      const better = rows.filter((o) => before(key(o.region.code), key(row.region.code))).length;
      expect(row.overallRank, row.region.code).toBe(better + 1);
    }
    expect(rows.map((r) => r.overallRank)).toEqual([...rows.map((r) => r.overallRank)].sort((x, y) => x - y));
  });

  it('puts a region without visits in the month after every region with visits, however few its late records', () => {
    const rows = rankRows([
      { region: a, figures: figures({ visits: 0 }) },
      { region: b, figures: figures({ visits: 3, sessions: 3, late: 3, overdueProblems: 1 }) },
    ]);
    // b's column ranks sum to 1+1+1+2+2+1 = 8, a's to 1+2+2+1+1+1 = 8 as well; a did nothing, so b leads.
    expect(rows.map((r) => [r.region.code, r.overallRank])).toEqual([[b.code, 1], [a.code, 2]]);
    const idle = rankRows([{ region: a, figures: figures({ visits: 0, coverageRate: 0.9 }) }, { region: b, figures: figures({ visits: 5, late: 5, coverageRate: 0.1 }) }]);
    expect(idle[0].region.code).toBe(b.code);
  });

  it('states its formula and writes rates with one decimal', () => {
    expect(BULLETIN_FORMULA).toMatch(/单项排名之和由小到大/);
    expect(BULLETIN_FORMULA).toMatch(/有走访的地区排在没有走访的地区之前/);
    expect(BULLETIN_FORMULA).toMatch(/走访覆盖率高者在前/);
    expect(rateText(0.119)).toBe('11.9%');
    expect(rateText(null)).toBe('—');
    expect(bulletinTitle('2026-11', findRegion('630100')!.name)).toBe('2026年11月西宁市下基层走访工作通报');
  });
});
