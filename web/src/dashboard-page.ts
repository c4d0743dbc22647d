import './styles.css';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate, EARLIEST_DATE } from '#schemas/time.ts';
import { getDocument } from './api.ts';
import { fill, h } from './dom.ts';
import { announce, startPage } from './shell.ts';
import { releaseCharts } from './dashboard/charts.ts';
import { coverageCard } from './dashboard/coverage.ts';
import { downloadSummaryCsv } from './dashboard/csv.ts';
import type { Summary, SummaryHistory } from './dashboard/figures.ts';
import { barCard, type Choice, historyCard } from './dashboard/panels.ts';
import { historyRange, type Place, placeQuery, readPlace, samePlace, topRegion, validDate } from './dashboard/place.ts';
import { isRefusal, submitterNotice, troubleNotice, troubleText } from './dashboard/trouble.ts';
import { breadcrumb, childrenHeading, childrenTable, headlineFigures, PROVISIONAL, type RegionLink, regionTitle, snapshotMeta, targetsBlock } from './dashboard/view.ts';

/**
 * The figures page: a region's snapshot for a day (the newest unless one is chosen), its children
 * to drill into, two charts and the CSV. The address holds the place (`?region=…&date=…`), so the
 * back button and a shared link show the same figures.
 */
void startPage(({ config, person, main }) => {
  const top = topRegion(person);
  let place = readPlace(location.search, top, beijingDate());
  if (location.search && location.search !== placeQuery(place)) history.replaceState(null, '', placeQuery(place));
  /** The snapshot on screen (for the CSV), and which load is the newest: a slower earlier answer is dropped. */
  let shown: Summary | undefined;
  let loads = 0;
  const barChoice: Choice = { key: 'sessions' };
  const trendChoice: Choice = { key: 'sessions' };

  const link: RegionLink = (code) => ({
    href: placeQuery({ region: code, date: place.date }),
    onclick: (event: Event) => {
      const click = event as MouseEvent;
      if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return;
      event.preventDefault();
      go({ region: code, date: place.date }, true);
    },
  });

  const crumbs = h('div');
  const title = h('div');
  const meta = h('div');
  const dateInput = h('input', {
    type: 'date', id: 'snapshot-date', min: EARLIEST_DATE, max: beijingDate(),
    onchange: () => {
      if (!dateInput.value) return go({ region: place.region }, false);
      const date = validDate(dateInput.value, beijingDate());
      if (date) go({ region: place.region, date }, false);
      else announce(`请选择 ${EARLIEST_DATE} 至今天之间的日期`);
    },
  });
  const newest = h('button', { type: 'button', onclick: () => go({ region: place.region }, false) }, '最新');
  const csvButton = h('button', { type: 'button', id: 'download-csv', disabled: true, onclick: () => void saveCsv() }, '下载 CSV');
  const csvStatus = h('div');
  const body = h('div', { class: 'dash-body' });

  fill(main, h('div', { class: 'dash' },
    crumbs,
    h('section', { class: 'card dash-head', 'aria-label': '地区与日期' },
      title, meta,
      h('div', { class: 'dash-controls' },
        h('div', { class: 'field' },
          h('label', { for: 'snapshot-date' }, '统计日期', h('span', { class: 'optional' }, '（不选：最新）')),
          h('div', { class: 'date-row' }, dateInput, newest)),
        csvButton),
      csvStatus),
    body));

  function go(next: Place, focusTitle: boolean): void {
    if (samePlace(next, place)) return;
    place = next;
    history.pushState(null, '', placeQuery(next));
    void show(focusTitle);
  }

  window.addEventListener('popstate', () => {
    place = readPlace(location.search, top, beijingDate());
    void show(true);
  });

  async function saveCsv(): Promise<void> {
    if (!shown) return;
    csvButton.disabled = true;
    fill(csvStatus);
    try {
      await downloadSummaryCsv(config, shown.region.code, shown.asOf);
      announce('CSV 已下载');
    } catch (error) {
      const trouble = troubleNotice(error, config, () => void saveCsv());
      fill(csvStatus, trouble.element);
      announce(trouble.text);
    } finally {
      csvButton.disabled = false;
    }
  }

  async function show(focusTitle: boolean): Promise<void> {
    const load = ++loads;
    const region = findRegion(place.region)!;
    const asked = place;
    shown = undefined;
    releaseCharts();
    fill(crumbs, breadcrumb(top, region.code, link));
    fill(title, regionTitle(region));
    fill(meta, h('p', { class: 'meta' }, '正在加载…'));
    fill(csvStatus);
    dateInput.max = beijingDate();
    dateInput.value = asked.date ?? '';
    newest.hidden = !asked.date;
    csvButton.disabled = true;
    body.setAttribute('aria-busy', 'true');
    fill(body, h('p', { class: 'notice', role: 'status' }, '正在加载统计…'));
    if (focusTitle) document.getElementById('region-title')?.focus();

    const query = new URLSearchParams({ region: region.code });
    if (asked.date) query.set('date', asked.date);
    let summary: Summary;
    try {
      summary = await getDocument<Summary>(config, `/summary?${query}`);
    } catch (error) {
      if (load !== loads) return;
      body.removeAttribute('aria-busy');
      if (isRefusal(error) && person.role === 'submitter') return fill(main, submitterNotice());
      fill(meta);
      const trouble = troubleNotice(error, config, () => void show(false), asked.date);
      fill(body, trouble.element);
      announce(trouble.text);
      return;
    }
    if (load !== loads) return;
    shown = summary;
    body.removeAttribute('aria-busy');
    fill(meta, snapshotMeta(summary));
    dateInput.value = summary.asOf;
    csvButton.disabled = false;

    const heading = childrenHeading(summary);
    const bars = summary.children.length > 0 ? barCard(summary, heading, barChoice) : undefined;
    const trend = historyCard(trendChoice);
    fill(body,
      headlineFigures(summary),
      targetsBlock(summary),
      coverageCard(summary, config),
      summary.children.length > 0 && h('section', { class: 'card', 'aria-labelledby': 'children-title' },
        h('h2', { id: 'children-title' }, heading),
        h('p', { class: 'hint' }, '点击地区名称查看其统计；表格可左右滑动。'),
        childrenTable(summary, link, `${heading}主要指标（最后一行为${summary.region.name}合计）`)),
      bars?.element,
      trend.element);
    bars?.mount();
    announce(`已显示${summary.region.name}截至 ${summary.asOf} 的统计${summary.provisional ? `（${PROVISIONAL}）` : ''}`);

    const range = historyRange(summary.asOf);
    try {
      const series = await getDocument<SummaryHistory>(config, `/summary/history?${new URLSearchParams({ region: region.code, ...range })}`);
      if (load === loads) trend.show(series, range.from, range.to);
    } catch (error) {
      if (load === loads) trend.fail(troubleText(error));
    }
  }

  void show(false);
});
