import type { Region } from '#schemas/regions.ts';
import type { HeadlineKey, Totals } from './figures.ts';

/** The numbers the charts draw, taken out of the API's answers. No DOM here. */

export interface Bar {
  region: Region;
  value: number;
}

/** The children's values of one figure, largest first (ties keep the region order). */
export function ranking(children: { region: Region; totals: Totals }[], key: HeadlineKey): Bar[] {
  return children.map((c) => ({ region: c.region, value: c.totals[key] })).sort((a, b) => b.value - a.value);
}

export interface Point {
  /** Days since the range's first day. */
  day: number;
  date: string;
  value: number;
  provisional: boolean;
}

export interface Series {
  from: string;
  to: string;
  /** Days in the range (both ends counted). */
  days: number;
  points: Point[];
  /** The lowest and highest values and their (first) days; undefined without points. */
  min?: Point;
  max?: Point;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** One figure day by day over a range; days without a snapshot are simply absent. */
export function seriesOf(items: { asOf: string; provisional: boolean; totals: Totals }[], key: HeadlineKey, from: string, to: string): Series {
  const start = dayNumber(from);
  const points = items
    .filter((i) => i.asOf >= from && i.asOf <= to)
    .map((i) => ({ day: dayNumber(i.asOf) - start, date: i.asOf, value: i.totals[key], provisional: i.provisional }))
    .sort((a, b) => a.day - b.day);
  let min: Point | undefined;
  let max: Point | undefined;
  for (const p of points) {
    if (!min || p.value < min.value) min = p;
    if (!max || p.value > max.value) max = p;
  }
  return { from, to, days: dayNumber(to) - start + 1, points, min, max };
}

/** Maps a value in [lo, hi] onto [a, b] (the middle of it when the domain is a single value). */
export function scale(value: number, lo: number, hi: number, a: number, b: number): number {
  if (hi === lo) return (a + b) / 2;
  return a + ((value - lo) / (hi - lo)) * (b - a);
}
