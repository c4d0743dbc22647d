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
    // Recount the formula on its own: sort by (sum, -rate) and give competition ranks.
    const key = (code: string) => [sums[code], -(rows.find((r) => r.region.code === code)!.figures.coverageRate ?? -1)];
    for (const row of rows) {
      const better = rows.filter((o) => { const [s1, r1] = key(o.region.code); const [s2, r2] = key(row.region.code); return s1 < s2 || (s1 === s2 && r1 < r2); }).length;
      expect(row.overallRank, row.region.code).toBe(better + 1);
    }
    expect(rows.map((r) => r.overallRank)).toEqual([...rows.map((r) => r.overallRank)].sort((x, y) => x - y));
  });

  it('states its formula and writes rates with one decimal', () => {
    expect(BULLETIN_FORMULA).toMatch(/单项排名之和由小到大/);
    expect(BULLETIN_FORMULA).toMatch(/走访覆盖率高者在前/);
    expect(rateText(0.119)).toBe('11.9%');
    expect(rateText(null)).toBe('—');
    expect(bulletinTitle('2026-11', findRegion('630100')!.name)).toBe('2026年11月西宁市下基层走访工作通报');
  });
});
