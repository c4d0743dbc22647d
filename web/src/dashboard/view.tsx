import { Fragment } from 'preact';
import type { Region } from '#schemas/regions.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { UNMATCHED } from './coverage-rows.ts';
import { changeText, CHILDREN_NAMES, HEADLINES, LEVEL_NAMES, MINISTERS_COUNTED, type Part, type Summary, targetLines } from './figures.ts';
import { formatNumber } from './format.ts';
import { trail } from './place.ts';

/** The dashboard's sections that only show a snapshot: no requests, no state. */

/** How a region is reached from a link: its address, and what a plain click does instead of loading a page. */
export type RegionLink = (code: string) => { href: string; onClick: (event: MouseEvent) => void };

/** 青海省 › 西宁市 › 城东区, from the person's own region down; hidden at the top itself. */
export function Breadcrumb({ top, region, link }: { top: string; region: string; link: RegionLink }) {
  const regions = trail(top, region);
  if (regions.length < 2) return null;
  return (
    <nav class="crumbs" aria-label="地区层级">
      <ol>
        {regions.map((r, i) => (
          <li key={r.code}>{i === regions.length - 1 ? <span aria-current="page">{r.name}</span> : <a {...link(r.code)}>{r.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

export const RegionTitle = ({ region }: { region: Region }) => (
  <h2 id="region-title" tabIndex={-1}>{region.name} <small>{LEVEL_NAMES[region.level]}</small></h2>
);

/** The glossary's words for a snapshot of the day under way. */
export const PROVISIONAL = '当日临时数据（次日凌晨定稿）';

/**
 * 截至 2026-11-24 · 生成于 2026-11-25 01:00（北京时间）; for the day under way, a notice that its
 * figures are provisional, refreshed through the day, and as of when.
 */
export function SnapshotMeta({ summary }: { summary: Summary }) {
  const generated = beijingDateTime(summary.generatedAt);
  return (
    <>
      <p class="meta">
        <span>截至 {summary.asOf}</span>
        <span>生成于 {generated}（北京时间）</span>
      </p>
      {summary.provisional && (
        <p class="notice provisional" id="provisional" data-generated={summary.generatedAt}>
          <strong>{PROVISIONAL}</strong>
          {`：${summary.asOf} 当天截至 ${generated.slice(11)}（北京时间）已入库的记录，白天定时刷新，次日凌晨汇总后定稿。刷新页面可看最新数据。`}
        </p>
      )}
    </>
  );
}

/** The six headline figures, each with its change since the previous snapshot. */
export function HeadlineFigures({ summary }: { summary: Summary }) {
  const previous = summary.sincePrevious;
  return (
    <section class="card" aria-labelledby="headline-title">
      <h2 id="headline-title">主要指标</h2>
      <div class="figures">
        {HEADLINES.map((f) => {
          const change = previous?.figures[f.key];
          return (
            <div class="figure" key={f.key}>
              <span class="value" data-figure={f.key}>{formatNumber(summary.totals[f.key])}</span>
              <span class="name">{`${f.name}（${f.unit}）`}</span>
              {previous && change !== undefined && <span class="change">{`较 ${previous.asOf.slice(5)} ${changeText(change, formatNumber)}`}</span>}
            </div>
          );
        })}
      </div>
      <p class="hint" id="ministers-note">{MINISTERS_COUNTED}</p>
    </section>
  );
}

/** "待整改 69 个", "已走访 493 / 4,143 个（11.9%）": pieces that wrap as wholes on a narrow screen. */
function PartPieces({ part }: { part: Part }) {
  const label = part.label ? `${part.label} ` : '';
  if (part.of === undefined) return <span>{`${label}${formatNumber(part.value)} ${part.unit}`}</span>;
  return <><span>{`${label}${formatNumber(part.value)} / ${formatNumber(part.of.whole)} ${part.unit}`}</span><span>{`（${part.of.rate}）`}</span></>;
}

/** The other targets and the branches visited, one line each. */
export function TargetsBlock({ summary }: { summary: Summary }) {
  return (
    <section class="card" aria-labelledby="targets-title">
      <h2 id="targets-title">走访覆盖与六项任务</h2>
      <dl class="targets">
        {targetLines(summary.totals).map((line) => (
          <Fragment key={line.name}>
            <dt>{line.name}</dt>
            <dd>{line.parts.map((part, i) => <Fragment key={i}>{i > 0 && ' · '}<PartPieces part={part} /></Fragment>)}</dd>
          </Fragment>
        ))}
      </dl>
      <p class="hint" id="targets-note">
        {`走访覆盖与下方“走访覆盖”表同一口径：已走访 / 支部名册在册。${UNMATCHED}：走访时手动填写、尚未与支部名册匹配（或已撤并）的党组织，单独列出，不计入覆盖率；可在工作台“待匹配支部”中与名册匹配。`}
      </p>
    </section>
  );
}

/** The children with the six figures, and the region's own totals last (部长 is not a sum). */
export function ChildrenTable({ summary, link, caption }: { summary: Summary; link: RegionLink; caption: string }) {
  const cells = (totals: Summary['totals']) => HEADLINES.map((f) => <td key={f.key}>{formatNumber(totals[f.key])}</td>);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="children-caption">
      <table id="children-table" class="children">
        <caption id="children-caption" class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">地区</th>
            {HEADLINES.map((f) => <th scope="col" key={f.key}>{f.short}<small>{`（${f.unit}）`}</small></th>)}
          </tr>
        </thead>
        <tbody>
          {summary.children.map((child) => (
            <tr key={child.region.code} data-region={child.region.code}>
              <th scope="row"><a {...link(child.region.code)}>{child.region.name}</a></th>
              {cells(child.totals)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total={summary.region.code}>
            <th scope="row">{`${summary.region.name}合计`}</th>
            {cells(summary.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export const childrenHeading = (summary: Summary): string => CHILDREN_NAMES[summary.region.level];
