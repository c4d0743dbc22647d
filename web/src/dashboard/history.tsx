import { ChartHolder, digitsWidth, Frame, Text } from './charts.tsx';
import type { Headline, SummaryHistory } from './figures.ts';
import { formatNumber } from './format.ts';
import { gapsSentence, gapText, scale, segmentsOf, type Series, seriesOf } from './series.ts';

/** The 30-day card's chart and table, in the chunk loaded once the snapshot is on screen (later.ts). */

/**
 * A figure day by day: a line through the days that have a snapshot (hollow dots: provisional),
 * broken where days have none (a hatched band, its days in a tooltip: a gap, never a zero), its
 * lowest and highest values on the left, the range's first and last days below.
 */
export function LineChart({ series, width, label }: { series: Series; width: number; label: string }) {
  const height = 190;
  const { min, max, points } = series;
  const lo = min?.value ?? 0;
  const hi = max?.value ?? 0;
  const left = Math.max(digitsWidth(formatNumber(lo)), digitsWidth(formatNumber(hi))) + 12;
  const right = width - 10;
  const top = 12;
  const bottom = top + height - 12 - 36;
  const x = (day: number) => scale(day, 0, Math.max(series.days - 1, 1), left, right);
  const y = (value: number) => scale(value, lo, hi, bottom, top);
  const levels = hi === lo ? (max ? [hi] : []) : [hi, lo];
  // Each gap covers its days from half a day before to half a day after, so a one-day gap shows too.
  const half = (x(1) - x(0)) / 2;
  return (
    <Frame id="history-chart" width={width} height={height} label={label}>
      <line class="axis" x1={left} x2={right} y1={bottom + 8} y2={bottom + 8} />
      <Text x={left} y={height - 8}>{series.from}</Text>
      <Text x={right} y={height - 8} anchor="end">{series.to}</Text>
      {levels.map((level) => (
        <g key={level}>
          <line class="grid" x1={left} x2={right} y1={y(level)} y2={y(level)} />
          <Text x={left - 6} y={y(level) + 4} anchor="end">{formatNumber(level)}</Text>
        </g>
      ))}
      {series.gaps.map((gap) => {
        const x1 = Math.max(left, x(gap.first) - half);
        const x2 = Math.min(right, x(gap.last) + half);
        return (
          <rect key={gap.from} class="gap" data-gap={`${gap.from}/${gap.to}`} x={x1} y={top} width={Math.max(x2 - x1, 2)} height={bottom - top + 8}>
            <title>{`${gapText(gap)}：无统计快照`}</title>
          </rect>
        );
      })}
      {segmentsOf(points).map((segment) => segment.length > 1 && (
        <polyline key={segment[0].day} class="line" points={segment.map((p) => `${x(p.day)},${y(p.value)}`).join(' ')} />
      ))}
      {points.map((p) => (
        <circle key={p.day} class={p.provisional ? 'dot provisional' : 'dot'} cx={x(p.day)} cy={y(p.value)} r={points.length > 20 ? 2.5 : 3.5} />
      ))}
    </Frame>
  );
}

function historyLabel(series: Series, name: string): string {
  const { min, max, points } = series;
  if (!min || !max) return `${name}：${series.from} 至 ${series.to} 无统计快照`;
  const newest = points[points.length - 1];
  return `${name}，${series.from} 至 ${series.to}，${points.length} 天有快照：`
    + `最低 ${formatNumber(min.value)}（${min.date}），最高 ${formatNumber(max.value)}（${max.date}），`
    + `最新 ${formatNumber(newest.value)}（${newest.date}）。${gapsSentence(series)}`;
}

/** The table's rows, newest first: each day with a snapshot, and each gap as one row. */
function rowsOf(series: Series): ({ point: Series['points'][number] } | { gap: Series['gaps'][number] })[] {
  const rows = [...series.points.map((point) => ({ day: point.day, row: { point } })), ...series.gaps.map((gap) => ({ day: gap.first, row: { gap } }))];
  return rows.sort((a, b) => b.day - a.day).map((r) => r.row);
}

function SeriesTable({ series, name }: { series: Series; name: string }) {
  return (
    <details class="series-data">
      <summary>查看逐日数据</summary>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">日期</th><th scope="col">{name}</th></tr></thead>
          <tbody>
            {rowsOf(series).map((row) => ('gap' in row
              ? (
                <tr key={row.gap.from} class="gap-row" data-gap={`${row.gap.from}/${row.gap.to}`}>
                  <th scope="row"><span class="day">{row.gap.from}</span>{row.gap.days > 1 && <>{' 至 '}<span class="day">{row.gap.to}</span></>}</th>
                  <td>—<span class="hint">{' 无快照'}</span></td>
                </tr>
              )
              : (
                <tr key={row.point.date} data-date={row.point.date}>
                  <th scope="row"><span class="day">{row.point.date}</span>{row.point.provisional && '（当日临时数据）'}</th>
                  <td>{formatNumber(row.point.value)}</td>
                </tr>
              )))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The days' figures for one headline figure, as a chart and a table. */
export function HistoryBody({ history, range, figure: f }: { history: SummaryHistory; range: { from: string; to: string }; figure: Headline }) {
  const name = `${f.name}（${f.unit}）`;
  const series = history.items.length > 0 ? seriesOf(history.items, f.key, range.from, range.to) : undefined;
  return (
    <>
      <ChartHolder draw={series && ((width) => <LineChart series={series} width={width} label={historyLabel(series, name)} />)} />
      <div>
        {series
          ? (
            <>
              {series.points.some((p) => p.provisional) && <p class="hint">空心点为当日临时数据（次日凌晨定稿）。</p>}
              {series.gaps.length > 0 && <p class="hint series-gaps" id="series-gaps">{gapsSentence(series)}</p>}
              <SeriesTable series={series} name={name} />
            </>
          )
          : <p class="notice">{`${range.from} 至 ${range.to} 尚无统计快照。`}</p>}
      </div>
    </>
  );
}
