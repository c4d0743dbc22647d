import { BULLETIN_COLUMNS, type BulletinKey } from '#schemas/bulletin-columns.ts';
import type { BulletinRow } from '#schemas/bulletin.ts';
import type { Region } from '#schemas/regions.ts';

export type BulletinFigures = BulletinRow['figures'];

/**
 * Standard competition ranks ("1224"): each value's rank is one more than the number of values
 * strictly better than it, so ties share a rank and the next rank skips. A rate of null (no
 * registered branches) ranks below every known rate.
 */
export function competitionRanks(values: readonly (number | null)[], better: 'higher' | 'lower'): number[] {
  const score = (v: number | null) => (v === null ? -Infinity : better === 'higher' ? v : -v);
  return values.map((v) => 1 + values.filter((w) => score(w) > score(v)).length);
}

/**
 * The 通报's rows: each column ranked (its direction from BULLETIN_COLUMNS), then the overall rank
 * (BULLETIN_FORMULA): a region with visits in the month before any without (else doing nothing would
 * win the three "fewer is better" columns), then the sum of the column ranks, smaller first; at an
 * equal sum the higher coverage rate first; still equal, the same rank. Rows come in overall order,
 * then by region code.
 */
export function rankRows(children: readonly { region: Region; figures: BulletinFigures }[]): BulletinRow[] {
  const columnRanks = Object.fromEntries(BULLETIN_COLUMNS.map((c) => [c.key, competitionRanks(children.map((r) => r.figures[c.key]), c.better)])) as Record<BulletinKey, number[]>;
  const ranked = children.map((child, i) => {
    const ranks = Object.fromEntries(BULLETIN_COLUMNS.map((c) => [c.key, columnRanks[c.key][i]])) as BulletinRow['ranks'];
    return { ...child, ranks, sum: BULLETIN_COLUMNS.reduce((acc, c) => acc + ranks[c.key], 0) };
  });
  const rate = (r: { figures: BulletinFigures }) => r.figures.coverageRate ?? -Infinity;
  const active = (r: { figures: BulletinFigures }) => r.figures.visits > 0;
  const ahead = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    active(a) !== active(b) ? active(a) : a.sum < b.sum || (a.sum === b.sum && rate(a) > rate(b));
  return ranked
    .map((row) => ({
      region: { code: row.region.code, name: row.region.name, level: row.region.level },
      figures: row.figures,
      ranks: row.ranks,
      overallRank: 1 + ranked.filter((other) => ahead(other, row)).length,
    }))
    .sort((a, b) => a.overallRank - b.overallRank || a.region.code.localeCompare(b.region.code));
}
