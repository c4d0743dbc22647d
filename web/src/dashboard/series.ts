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
  /** Runs of days without a snapshot, oldest first: drawn as breaks, never as zeros. */
  gaps: Gap[];
}

/** Consecutive days of a range without a snapshot. */
export interface Gap {
  /** Days since the range's first day, of the gap's first and last day. */
  first: number;
  last: number;
  from: string;
  to: string;
  days: number;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The days of a range (counted from its first) that have no point, as runs. */
export function gapsOf(points: readonly { day: number }[], days: number, from: string): Gap[] {
  const start = dayNumber(from);
  const have = new Set(points.map((p) => p.day));
  const gaps: Gap[] = [];
  for (let day = 0; day < days; day++) {
    if (have.has(day)) continue;
    const open = gaps.at(-1);
    if (open && open.last === day - 1) {
      open.last = day;
      open.to = dateOf(start + day);
      open.days += 1;
    } else {
      gaps.push({ first: day, last: day, from: dateOf(start + day), to: dateOf(start + day), days: 1 });
    }
  }
  return gaps;
}

/** Consecutive points between gaps: each is drawn as its own line. */
export function segmentsOf<P extends { day: number }>(points: readonly P[]): P[][] {
  const segments: P[][] = [];
  for (const p of points) {
    const last = segments.at(-1);
    if (last && last[last.length - 1].day === p.day - 1) last.push(p);
    else segments.push([p]);
  }
  return segments;
}

/** "11-03 至 11-05（3 天）" or "11-03": a gap in words. */
export const gapText = (gap: Gap): string => (gap.days === 1 ? gap.from : `${gap.from} 至 ${gap.to}（${gap.days} 天）`);

/** The days without a snapshot, in words ('' when none): the chart breaks there; they are not zeros. */
export function gapsSentence(series: Pick<Series, 'gaps'>): string {
  const missing = series.gaps.reduce((n, g) => n + g.days, 0);
  if (missing === 0) return '';
  return `${missing} 天无统计快照（图中断开处，不是 0）：${series.gaps.map(gapText).join('、')}。`;
}

/** One figure day by day over a range; days without a snapshot are absent from the points and listed as gaps. */
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
  const days = dayNumber(to) - start + 1;
  return { from, to, days, points, min, max, gaps: gapsOf(points, days, from) };
}

/** Maps a value in [lo, hi] onto [a, b] (the middle of it when the domain is a single value). */
export function scale(value: number, lo: number, hi: number, a: number, b: number): number {
  if (hi === lo) return (a + b) / 2;
  return a + ((value - lo) / (hi - lo)) * (b - a);
}
