import { getDocument } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { fill, formatNumber, h } from '../dom.ts';
import { announce } from '../shell.ts';
import { SCROLL_HINT, watchScroll } from '../scroll-region.ts';
import { saveFile } from '../desk/download.ts';
import { fileNameOf, toCsv } from '../desk/table.ts';
import {
  COVERAGE_TYPES, COVERAGE_WORDS, type CoverageRow, coverageRows, coverageTypeName, type NeverVisited, neverVisitedTable, rateText, regionBranchQuery, type Share,
} from './coverage-rows.ts';
import type { Summary } from './figures.ts';
import { troubleText } from './trouble.ts';

/**
 * 走访覆盖: a table of the region's children (and the region itself) with registered / visited /
 * rate for villages, communities and both, each rate with a bar; and the region's never-visited
 * branches (`GET /branches?visited=false`, page after page), listed on request and downloadable as CSV.
 */

/** The rate as a bar (its width set through the CSSOM: the site's CSP allows no inline style). */
function bar(s: Share): HTMLElement {
  const fillEl = h('span', { class: 'cov-fill' });
  fillEl.style.width = `${Math.min(100, (s.rate ?? 0) * 100)}%`;
  return h('span', { class: 'cov-bar', 'aria-hidden': 'true' }, fillEl);
}

const shareCells = (row: CoverageRow, key: 'village' | 'community' | 'all') => {
  const s = row[key];
  return [
    h('td', { 'data-cov': `${key}-registered` }, formatNumber(s.registered)),
    h('td', { 'data-cov': `${key}-visited` }, formatNumber(s.visited)),
    h('td', { class: 'cov-rate', 'data-cov': `${key}-rate` }, h('span', {}, rateText(s)), bar(s)),
  ];
};

export function coverageCard(summary: Summary, config: WebConfig): HTMLElement {
  const rows = coverageRows(summary);
  const groups: ['village' | 'community' | 'all', string][] = [...COVERAGE_TYPES.map((t) => [t, coverageTypeName(t)] as [typeof t, string]), ['all', '合计']];
  // Nine columns are wider than a phone: the table scrolls sideways, and says so.
  const wrap = h('div', { class: 'table-wrap' },
    h('table', { id: 'coverage-table', class: 'children coverage' },
      h('caption', { id: 'coverage-caption' }, h('span', {}, `${summary.region.name}各地区走访覆盖：在册、已走访和覆盖率（最后一行为合计）`)),
      h('thead', {},
        h('tr', {}, h('th', { scope: 'col', rowspan: 2 }, '地区'), groups.map(([, name]) => h('th', { scope: 'colgroup', colspan: 3 }, name))),
        h('tr', {}, groups.map(() => [h('th', { scope: 'col' }, COVERAGE_WORDS.registered), h('th', { scope: 'col' }, COVERAGE_WORDS.visited), h('th', { scope: 'col' }, '覆盖率')]))),
      h('tbody', {}, rows.filter((r) => !r.total).map((r) => h('tr', { 'data-region': r.region.code },
        h('th', { scope: 'row' }, r.region.name), groups.map(([key]) => shareCells(r, key))))),
      h('tfoot', {}, rows.filter((r) => r.total).map((r) => h('tr', { 'data-total': r.region.code },
        h('th', { scope: 'row' }, summary.children.length > 0 ? `${r.region.name}合计` : r.region.name), groups.map(([key]) => shareCells(r, key)))))));
  const hint = h('p', { class: 'scroll-hint', 'aria-hidden': 'true', hidden: true }, SCROLL_HINT);
  watchScroll(wrap, 'coverage-caption', hint);

  const listHost = h('div', { 'aria-live': 'polite' });
  const listButton = h('button', { type: 'button', id: 'never-visited-load', onclick: () => void loadNeverVisited() }, '列出从未走访的在册党组织');

  async function loadNeverVisited(): Promise<void> {
    listButton.disabled = true;
    fill(listHost, h('p', { class: 'notice', role: 'status' }, '正在读取…'));
    const items: NeverVisited[] = [];
    try {
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ visited: 'false', limit: '500', ...regionBranchQuery(summary.region) });
        if (cursor) query.set('cursor', cursor);
        const page: { items: NeverVisited[]; nextCursor: string | null } = await getDocument(config, `/branches?${query}`);
        items.push(...page.items);
        cursor = page.nextCursor;
        fill(listHost, h('p', { class: 'notice', role: 'status' }, `正在读取…已读 ${formatNumber(items.length)} 个`));
      } while (cursor);
    } catch (error) {
      fill(listHost, h('p', { class: 'notice error', role: 'alert' }, troubleText(error)));
      listButton.disabled = false;
      return;
    }
    showNeverVisited(items);
  }

  function showNeverVisited(items: NeverVisited[]): void {
    const csv = neverVisitedTable(summary.region.name, items);
    const shownMax = 20;
    const download = h('button', { type: 'button', id: 'never-visited-csv', onclick: () => {
      saveFile(new Blob([toCsv(csv)], { type: 'text/csv;charset=utf-8' }), fileNameOf(csv, summary.asOf, 'csv'));
      announce(`已下载 ${items.length} 行（CSV）`);
    } }, '下载 CSV');
    fill(listHost,
      h('p', { 'data-never-visited': items.length }, `从未走访的在册党组织共 ${formatNumber(items.length)} 个`, items.length > shownMax ? `（下表列出前 ${shownMax} 个，全部见 CSV）` : '', '。 ', items.length > 0 ? download : null),
      items.length > 0 && h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': '从未走访的在册党组织' },
        h('table', { id: 'never-visited-table' },
          h('thead', {}, h('tr', {}, csv.columns.slice(0, 4).map((c) => h('th', { scope: 'col' }, c.label)))),
          h('tbody', {}, csv.rows.slice(0, shownMax).map((row) => h('tr', {}, row.slice(0, 4).map((v) => h('td', {}, v === undefined ? '' : String(v)))))))));
    announce(`从未走访的在册党组织共 ${items.length} 个`);
  }

  return h('section', { class: 'card', 'aria-labelledby': 'coverage-title' },
    h('h2', { id: 'coverage-title' }, '走访覆盖（已走访 / 在册）'),
    h('p', { class: 'hint' }, '按支部名册中在册的党组织计；手动填写、尚未匹配名册的走访不计入。'),
    h('div', { class: 'scroll-frame' }, hint, wrap),
    h('h3', {}, '从未走访的在册党组织'),
    listButton,
    listHost);
}
