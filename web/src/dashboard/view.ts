import type { Region } from '#schemas/regions.ts';
import { formatNumber, h } from '../dom.ts';
import { changeText, CHILDREN_NAMES, HEADLINES, LEVEL_NAMES, MINISTERS_COUNTED, type Part, type Summary, targetLines } from './figures.ts';
import { UNMATCHED } from './coverage-rows.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { trail } from './place.ts';

/** The dashboard's sections that only show a snapshot: no requests, no state. */

/** How a region is reached from a link: its address, and what a plain click does instead of loading a page. */
export type RegionLink = (code: string) => { href: string; onclick: (event: Event) => void };

/** 青海省 › 西宁市 › 城东区, from the person's own region down; hidden at the top itself. */
export function breadcrumb(top: string, region: string, link: RegionLink): HTMLElement | null {
  const regions = trail(top, region);
  if (regions.length < 2) return null;
  return h('nav', { class: 'crumbs', 'aria-label': '地区层级' },
    h('ol', {}, regions.map((r, i) => h('li', {},
      i === regions.length - 1 ? h('span', { 'aria-current': 'page' }, r.name) : h('a', link(r.code), r.name)))));
}

export function regionTitle(region: Region): HTMLElement {
  return h('h2', { id: 'region-title', tabindex: -1 }, region.name, ' ', h('small', {}, LEVEL_NAMES[region.level]));
}

/**
 * 截至 2026-11-24 · 生成于 2026-11-25 01:00（北京时间）; for the day under way, a notice that its
 * figures are provisional, refreshed through the day, and as of when.
 */
export function snapshotMeta(summary: Summary): HTMLElement[] {
  const generated = beijingDateTime(summary.generatedAt);
  const meta = h('p', { class: 'meta' },
    h('span', {}, `截至 ${summary.asOf}`),
    h('span', {}, `生成于 ${generated}（北京时间）`));
  if (!summary.provisional) return [meta];
  return [meta, h('p', { class: 'notice provisional', id: 'provisional', 'data-generated': summary.generatedAt },
    h('strong', {}, `${PROVISIONAL}`), `：${summary.asOf} 当天截至 ${generated.slice(11)}（北京时间）已入库的记录，白天定时刷新，次日凌晨汇总后定稿。刷新页面可看最新数据。`)];
}

/** The glossary's words for a snapshot of the day under way. */
export const PROVISIONAL = '当日临时数据（次日凌晨定稿）';

/** The six headline figures, each with its change since the previous snapshot. */
export function headlineFigures(summary: Summary): HTMLElement {
  const previous = summary.sincePrevious;
  return h('section', { class: 'card', 'aria-labelledby': 'headline-title' },
    h('h2', { id: 'headline-title' }, '主要指标'),
    h('div', { class: 'figures' }, HEADLINES.map((f) => {
      const change = previous?.figures[f.key];
      return h('div', { class: 'figure' },
        h('span', { class: 'value', 'data-figure': f.key }, formatNumber(summary.totals[f.key])),
        h('span', { class: 'name' }, `${f.name}（${f.unit}）`),
        change !== undefined && h('span', { class: 'change' }, `较 ${previous!.asOf.slice(5)} ${changeText(change, formatNumber)}`));
    })),
    h('p', { class: 'hint', id: 'ministers-note' }, MINISTERS_COUNTED));
}


/** "待整改 69 个", "已走访 493 / 4,143 个（11.9%）": pieces that wrap as wholes on a narrow screen. */
function partPieces(part: Part): HTMLElement[] {
  const label = part.label ? `${part.label} ` : '';
  if (part.of === undefined) return [h('span', {}, `${label}${formatNumber(part.value)} ${part.unit}`)];
  return [h('span', {}, `${label}${formatNumber(part.value)} / ${formatNumber(part.of.whole)} ${part.unit}`), h('span', {}, `（${part.of.rate}）`)];
}

/** The other targets and the branches visited, one line each. */
export function targetsBlock(summary: Summary): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': 'targets-title' },
    h('h2', { id: 'targets-title' }, '走访覆盖与六项任务'),
    h('dl', { class: 'targets' }, targetLines(summary.totals).map((line) => [
      h('dt', {}, line.name),
      h('dd', {}, line.parts.map((part, i) => [i > 0 && ' · ', partPieces(part)])),
    ])),
    h('p', { class: 'hint', id: 'targets-note' },
      `走访覆盖与下方“走访覆盖”表同一口径：已走访 / 支部名册在册。${UNMATCHED}：走访时手动填写、尚未与支部名册匹配（或已撤并）的党组织，单独列出，不计入覆盖率；可在工作台“待匹配支部”中与名册匹配。`));
}

/** The children with the six figures, and the region's own totals last (部长 is not a sum). */
export function childrenTable(summary: Summary, link: RegionLink, caption: string): HTMLElement {
  const cells = (totals: Summary['totals']) => HEADLINES.map((f) => h('td', {}, formatNumber(totals[f.key])));
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'children-caption' },
    h('table', { id: 'children-table', class: 'children' },
      h('caption', { id: 'children-caption', class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '地区'),
        HEADLINES.map((f) => h('th', { scope: 'col' }, f.short, h('small', {}, `（${f.unit}）`))))),
      h('tbody', {}, summary.children.map((child) => h('tr', { 'data-region': child.region.code },
        h('th', { scope: 'row' }, h('a', link(child.region.code), child.region.name)),
        cells(child.totals)))),
      h('tfoot', {}, h('tr', { 'data-total': summary.region.code },
        h('th', { scope: 'row' }, `${summary.region.name}合计`),
        cells(summary.totals)))));
}

export const childrenHeading = (summary: Summary): string => CHILDREN_NAMES[summary.region.level];
