import type { ComponentChild } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from './format.ts';
import type { Headline, Summary } from './figures.ts';
import { type Bar, ranking, scale } from './series.ts';

/**
 * Hand-drawn SVG charts, drawn at the width they get (so the text stays 13 px on a phone and on a
 * desk) and redrawn when that width changes. Each is one `role="img"` with a summary in words;
 * the table beside it carries the numbers. A chunk of its own, loaded once the snapshot is on
 * screen (the page's first view does not carry it).
 */

const FONT = 13;
/** Roughly how wide a run of digits and commas is at 13 px. */
export const digitsWidth = (text: string) => text.length * 7.5;

type TextProps = { x: number; y: number; children: string; anchor?: 'end'; class?: string };
export const Text = ({ x, y, children, anchor, class: className }: TextProps) => (
  <text x={x} y={y} font-size={FONT} text-anchor={anchor} class={className}>{children}</text>
);

export function Frame({ id, width, height, label, children }: { id: string; width: number; height: number; label: string; children: ComponentChild }) {
  return (
    <svg id={id} class="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      {children}
    </svg>
  );
}

/**
 * One bar per region, longest first. Narrow screens put each name above its bar; wider ones keep
 * the names in a column on the left.
 */
export function BarChart({ bars, width, label }: { bars: readonly Bar[]; width: number; label: string }) {
  const longestName = Math.max(0, ...bars.map((b) => b.region.name.length));
  const narrow = width < 520;
  const nameWidth = narrow ? 0 : Math.min(longestName * FONT + 12, width * 0.4);
  const valueWidth = Math.max(0, ...bars.map((b) => digitsWidth(formatNumber(b.value)))) + 8;
  const span = Math.max(0, width - nameWidth - valueWidth);
  const top = Math.max(0, ...bars.map((b) => b.value));
  const row = narrow ? 42 : 30;
  const thick = narrow ? 14 : 16;
  return (
    <Frame id="bar-chart" width={width} height={8 + bars.length * row} label={label}>
      {bars.map((bar, i) => {
        const y = 4 + i * row;
        const length = scale(bar.value, 0, top || 1, 0, span);
        const barY = narrow ? y + 20 : y + (row - thick) / 2;
        return (
          <g key={bar.region.code}>
            {narrow ? <Text x={0} y={y + 14}>{bar.region.name}</Text> : <Text x={nameWidth - 8} y={barY + thick - 3} anchor="end">{bar.region.name}</Text>}
            <rect class="bar" x={nameWidth} y={barY} width={Math.max(length, bar.value > 0 ? 1 : 0)} height={thick} rx={2} />
            <Text x={nameWidth + length + 4} y={barY + thick - 3} class="value">{formatNumber(bar.value)}</Text>
          </g>
        );
      })}
    </Frame>
  );
}

/**
 * A chart's box: `draw` is given the box's width once it is on the page, and again whenever that
 * width changes (narrower than 200 px, the last drawing stays). Nothing to draw yet: an empty box.
 */
export function ChartHolder({ draw }: { draw?: (width: number) => ComponentChild }) {
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const box = holder.current;
    if (!box) return;
    const take = (w: number) => { if (Math.floor(w) >= 200) setWidth(Math.floor(w)); };
    take(box.clientWidth);
    const observer = new ResizeObserver((entries) => take(entries[0].contentRect.width));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return <div class="chart-holder" ref={holder}>{width > 0 && draw?.(width)}</div>;
}

/** The children side by side for one headline figure, said in words for those who cannot see it. */
export function BarDrawing({ summary, heading, figure: f }: { summary: Summary; heading: string; figure: Headline }) {
  const bars = ranking(summary.children, f.key);
  const first = bars[0];
  const last = bars[bars.length - 1];
  const label = `${heading}${f.name}（${f.unit}）对比：${first.region.name}最多，${formatNumber(first.value)}；`
    + `${last.region.name}最少，${formatNumber(last.value)}。各地区数值见上表。`;
  return <ChartHolder draw={(width) => <BarChart bars={bars} width={width} label={label} />} />;
}
