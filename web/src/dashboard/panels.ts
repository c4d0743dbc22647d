import { fill, formatNumber, h } from '../dom.ts';
import { barChart, type Draw, lineChart, mountChart } from './charts.ts';
import { headline, type HeadlineKey, HEADLINES, type Summary, type SummaryHistory } from './figures.ts';
import { gapsSentence, ranking, type Series, seriesOf } from './series.ts';

/**
 * The two chart cards, each with its own choice of figure. A card is built off the page and
 * `mount`ed once on it (a chart is drawn at the width it gets).
 */
export interface Card {
  element: HTMLElement;
  mount: () => void;
}

/** Which figure a chart shows; the page keeps the choice from one region to the next. */
export interface Choice {
  key: HeadlineKey;
}

function figurePicker(id: string, choice: Choice, onChange: () => void): HTMLElement {
  return h('div', { class: 'field picker' },
    h('label', { for: id }, '指标'),
    h('select', {
      id,
      onchange: (event: Event) => {
        choice.key = (event.target as HTMLSelectElement).value as HeadlineKey;
        onChange();
      },
    }, HEADLINES.map((f) => h('option', { value: f.key, selected: f.key === choice.key }, `${f.name}（${f.unit}）`))));
}

/** The children side by side for one headline figure. */
export function barCard(summary: Summary, heading: string, choice: Choice): Card {
  const holder = h('div', { class: 'chart-holder' });
  const draw = (width: number) => {
    const f = headline(choice.key);
    const bars = ranking(summary.children, f.key);
    const first = bars[0];
    const last = bars[bars.length - 1];
    const label = `${heading}${f.name}（${f.unit}）对比：${first.region.name}最多，${formatNumber(first.value)}；`
      + `${last.region.name}最少，${formatNumber(last.value)}。各地区数值见上表。`;
    return barChart(bars, width, label);
  };
  let redraw: ((next: Draw) => void) | undefined;
  const element = h('section', { class: 'card', 'aria-labelledby': 'bars-title' },
    h('h2', { id: 'bars-title' }, `${heading}对比`),
    figurePicker('bar-figure', choice, () => redraw?.(draw)),
    holder);
  return { element, mount: () => { redraw = mountChart(holder, draw); } };
}

function historyLabel(series: Series, name: string): string {
  const { min, max, points } = series;
  if (!min || !max) return `${name}：${series.from} 至 ${series.to} 无统计快照`;
  const newest = points[points.length - 1];
  return `${name}，${series.from} 至 ${series.to}，${points.length} 天有快照：`
    + `最低 ${formatNumber(min.value)}（${min.date}），最高 ${formatNumber(max.value)}（${max.date}），`
    + `最新 ${formatNumber(newest.value)}（${newest.date}）。${gapsSentence(series)}`;
}


function seriesTable(series: Series, name: string): HTMLElement {
  return h('details', { class: 'series-data' },
    h('summary', {}, '查看逐日数据'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '日期'), h('th', { scope: 'col' }, name))),
      h('tbody', {}, rowsOf(series).map((row) => ('gap' in row
        ? h('tr', { class: 'gap-row', 'data-gap': `${row.gap.from}/${row.gap.to}` },
          h('th', { scope: 'row' }, h('span', { class: 'day' }, row.gap.from), row.gap.days > 1 && [' 至 ', h('span', { class: 'day' }, row.gap.to)]),
          h('td', {}, '—', h('span', { class: 'hint' }, ' 无快照')))
        : h('tr', { 'data-date': row.point.date },
          h('th', { scope: 'row' }, h('span', { class: 'day' }, row.point.date), row.point.provisional && '（当日临时数据）'),
          h('td', {}, formatNumber(row.point.value)))))))));
}

/** The table's rows, newest first: each day with a snapshot, and each gap as one row. */
function rowsOf(series: Series): ({ point: Series['points'][number] } | { gap: Series['gaps'][number] })[] {
  const rows = [...series.points.map((point) => ({ day: point.day, row: { point } })), ...series.gaps.map((gap) => ({ day: gap.first, row: { gap } }))];
  return rows.sort((a, b) => b.day - a.day).map((r) => r.row);
}

/** The region's last 30 days for one headline figure; shows a notice until `show` gets the series. */
export function historyCard(choice: Choice): { element: HTMLElement; show: (history: SummaryHistory, from: string, to: string) => void; fail: (message: string) => void } {
  const holder = h('div', { class: 'chart-holder' });
  const body = h('div', {}, h('p', { class: 'notice', role: 'status' }, '正在加载近 30 日数据…'));
  let render: (() => void) | undefined;
  const element = h('section', { class: 'card', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, '近 30 日走势'),
    figurePicker('history-figure', choice, () => render?.()),
    holder, body);
  return {
    element,
    show: (history, from, to) => {
      if (history.items.length === 0) {
        fill(body, h('p', { class: 'notice' }, `${from} 至 ${to} 尚无统计快照。`));
        return;
      }
      let redraw: ((next: Draw) => void) | undefined;
      render = () => {
        const f = headline(choice.key);
        const series = seriesOf(history.items, f.key, from, to);
        const name = `${f.name}（${f.unit}）`;
        fill(body,
          series.points.some((p) => p.provisional) && h('p', { class: 'hint' }, '空心点为当日临时数据（次日凌晨定稿）。'),
          series.gaps.length > 0 && h('p', { class: 'hint series-gaps', id: 'series-gaps' }, gapsSentence(series)),
          seriesTable(series, name));
        const draw = (width: number) => lineChart(series, width, historyLabel(series, name));
        if (redraw) redraw(draw);
        else redraw = mountChart(holder, draw);
      };
      render();
    },
    fail: (message) => fill(body, h('p', { class: 'notice error' }, `走势无法加载：${message}`)),
  };
}
