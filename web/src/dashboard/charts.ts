import { fill, formatNumber, svg } from '../dom.ts';
import { type Bar, gapText, scale, segmentsOf, type Series } from './series.ts';

/**
 * Hand-drawn SVG charts, drawn at the width they get (so the text stays 13 px on a phone and on a
 * desk) and redrawn when that width changes. Each is one `role="img"` with a summary in words;
 * the table beside it carries the numbers.
 */

const FONT = 13;
/** Roughly how wide a run of digits and commas is at 13 px. */
const digitsWidth = (text: string) => text.length * 7.5;

const text = (x: number, y: number, content: string, attrs: Record<string, string | number> = {}) =>
  svg('text', { x, y, 'font-size': FONT, ...attrs }, content);

function frame(id: string, width: number, height: number, label: string, ...children: SVGElement[]): SVGElement {
  return svg('svg', { id, class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    svg('title', {}, label), ...children);
}

/**
 * One bar per region, longest first. Narrow screens put each name above its bar; wider ones keep
 * the names in a column on the left.
 */
export function barChart(bars: Bar[], width: number, label: string): SVGElement {
  const longestName = Math.max(0, ...bars.map((b) => b.region.name.length));
  const narrow = width < 520;
  const nameWidth = narrow ? 0 : Math.min(longestName * FONT + 12, width * 0.4);
  const valueWidth = Math.max(0, ...bars.map((b) => digitsWidth(formatNumber(b.value)))) + 8;
  const span = Math.max(0, width - nameWidth - valueWidth);
  const top = Math.max(0, ...bars.map((b) => b.value));
  const row = narrow ? 42 : 30;
  const thick = narrow ? 14 : 16;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * row;
    const length = scale(bar.value, 0, top || 1, 0, span);
    const barY = narrow ? y + 20 : y + (row - thick) / 2;
    return svg('g', {},
      narrow
        ? text(0, y + 14, bar.region.name)
        : text(nameWidth - 8, barY + thick - 3, bar.region.name, { 'text-anchor': 'end' }),
      svg('rect', { class: 'bar', x: nameWidth, y: barY, width: Math.max(length, bar.value > 0 ? 1 : 0), height: thick, rx: 2 }),
      text(nameWidth + length + 4, barY + thick - 3, formatNumber(bar.value), { class: 'value' }));
  });
  return frame('bar-chart', width, 8 + bars.length * row, label, ...rows);
}

/**
 * A figure day by day: a line through the days that have a snapshot (hollow dots: provisional),
 * broken where days have none (a hatched band, its days in a tooltip: a gap, never a zero), its
 * lowest and highest values on the left, the range's first and last days below.
 */
export function lineChart(series: Series, width: number, label: string): SVGElement {
  const height = 190;
  const { min, max, points } = series;
  const lo = min?.value ?? 0;
  const hi = max?.value ?? 0;
  const left = Math.max(digitsWidth(formatNumber(lo)), digitsWidth(formatNumber(hi))) + 12;
  const right = 10;
  const top = 12;
  const bottom = top + height - 12 - 36;
  const x = (day: number) => scale(day, 0, Math.max(series.days - 1, 1), left, width - right);
  const y = (value: number) => scale(value, lo, hi, bottom, top);
  const parts: SVGElement[] = [
    svg('line', { class: 'axis', x1: left, x2: width - right, y1: bottom + 8, y2: bottom + 8 }),
    text(left, height - 8, series.from),
    text(width - right, height - 8, series.to, { 'text-anchor': 'end' }),
  ];
  const levels = hi === lo ? (max ? [hi] : []) : [hi, lo];
  for (const level of levels) {
    parts.push(
      svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(level), y2: y(level) }),
      text(left - 6, y(level) + 4, formatNumber(level), { 'text-anchor': 'end' }),
    );
  }
  // Each gap covers its days from half a day before to half a day after, so a one-day gap shows too.
  const half = (x(1) - x(0)) / 2;
  for (const gap of series.gaps) {
    const x1 = Math.max(left, x(gap.first) - half);
    const x2 = Math.min(width - right, x(gap.last) + half);
    parts.push(svg('rect', { class: 'gap', 'data-gap': `${gap.from}/${gap.to}`, x: x1, y: top, width: Math.max(x2 - x1, 2), height: bottom - top + 8 },
      svg('title', {}, `${gapText(gap)}：无统计快照`)));
  }
  for (const segment of segmentsOf(points)) {
    if (segment.length > 1) parts.push(svg('polyline', { class: 'line', points: segment.map((p) => `${x(p.day)},${y(p.value)}`).join(' ') }));
  }
  for (const p of points) {
    parts.push(svg('circle', { class: p.provisional ? 'dot provisional' : 'dot', cx: x(p.day), cy: y(p.value), r: points.length > 20 ? 2.5 : 3.5 }));
  }
  return frame('history-chart', width, height, label, ...parts);
}

export type Draw = (width: number) => Node;

const observers = new Set<ResizeObserver>();

/**
 * Draws a chart into a holder already on the page at the holder's width, and again whenever that
 * width changes. Returns a function that swaps what is drawn (another figure) and draws it now.
 */
export function mountChart(holder: HTMLElement, draw: Draw): (next: Draw) => void {
  let drawn = -1;
  let current = draw;
  const redraw = (width: number) => {
    if (width < 200 || width === drawn) return;
    drawn = width;
    fill(holder, current(width));
  };
  const observer = new ResizeObserver((entries) => redraw(Math.floor(entries[0].contentRect.width)));
  observer.observe(holder);
  observers.add(observer);
  redraw(Math.floor(holder.clientWidth));
  return (next) => {
    current = next;
    drawn = -1;
    redraw(Math.floor(holder.clientWidth));
  };
}

/** Stops redrawing the charts of a view about to be replaced. */
export function releaseCharts(): void {
  for (const observer of observers) observer.disconnect();
  observers.clear();
}
