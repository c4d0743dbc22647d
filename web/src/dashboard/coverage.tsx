import { useEffect, useRef, useState } from 'preact/hooks';
import { getDocument } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { SCROLL_HINT, watchScroll } from '../scroll-region.ts';
import { lazyPart } from '../ui/lazy.tsx';
import { announce } from '../shell.ts';
import {
  COVERAGE_TYPES, COVERAGE_WORDS, type CoverageRow, coverageRows, coverageTypeName, type NeverVisited, rateText, regionBranchQuery, type Share,
} from './coverage-rows.ts';
import type { Summary } from './figures.ts';
import { formatNumber } from './format.ts';
import { troubleText } from './trouble.tsx';

/**
 * 走访覆盖: a table of the region's children (and the region itself) with registered / visited /
 * rate for villages, communities and both, each rate with a bar; and the region's never-visited
 * branches (`GET /branches?visited=false`, page after page), listed on request and downloadable as CSV.
 */

type Group = 'village' | 'community' | 'all';
const GROUPS: readonly [Group, string][] = [...COVERAGE_TYPES.map((t): [Group, string] => [t, coverageTypeName(t)]), ['all', '合计']];

/** The rate as a bar (its width set through the CSSOM, as Preact sets a style object: the site's CSP allows no inline style). */
const RateBar = ({ share }: { share: Share }) => (
  <span class="cov-bar" aria-hidden="true"><span class="cov-fill" style={{ width: `${Math.min(100, (share.rate ?? 0) * 100)}%` }} /></span>
);

const ShareCells = ({ row, group }: { row: CoverageRow; group: Group }) => {
  const s = row[group];
  return (
    <>
      <td data-cov={`${group}-registered`}>{formatNumber(s.registered)}</td>
      <td data-cov={`${group}-visited`}>{formatNumber(s.visited)}</td>
      <td class="cov-rate" data-cov={`${group}-rate`}><span>{rateText(s)}</span><RateBar share={s} /></td>
    </>
  );
};

function CoverageRowOf({ row, name }: { row: CoverageRow; name: string }) {
  const mark = row.total ? { 'data-total': row.region.code } : { 'data-region': row.region.code };
  return <tr {...mark}><th scope="row">{name}</th>{GROUPS.map(([group]) => <ShareCells key={group} row={row} group={group} />)}</tr>;
}

export function CoverageCard({ summary, config }: { summary: Summary; config: WebConfig }) {
  const rows = coverageRows(summary);
  const wrap = useRef<HTMLDivElement>(null);
  const hint = useRef<HTMLParagraphElement>(null);
  // Nine columns are wider than a phone: the table scrolls sideways, and says so.
  useEffect(() => (wrap.current && hint.current ? watchScroll(wrap.current, 'coverage-caption', hint.current) : undefined), []);
  return (
    <section class="card" aria-labelledby="coverage-title">
      <h2 id="coverage-title">走访覆盖（已走访 / 在册）</h2>
      <p class="hint">按支部名册中在册的党组织计；手动填写、尚未匹配名册的走访不计入。</p>
      <div class="scroll-frame">
        <p class="scroll-hint" aria-hidden="true" hidden ref={hint}>{SCROLL_HINT}</p>
        <div class="table-wrap" ref={wrap}>
          <table id="coverage-table" class="children coverage">
            <caption id="coverage-caption"><span>{`${summary.region.name}各地区走访覆盖：在册、已走访和覆盖率（最后一行为合计）`}</span></caption>
            <thead>
              <tr><th scope="col" rowSpan={2}>地区</th>{GROUPS.map(([group, name]) => <th key={group} scope="colgroup" colSpan={3}>{name}</th>)}</tr>
              <tr>
                {GROUPS.map(([group]) => [
                  <th key={`${group}-r`} scope="col">{COVERAGE_WORDS.registered}</th>,
                  <th key={`${group}-v`} scope="col">{COVERAGE_WORDS.visited}</th>,
                  <th key={`${group}-%`} scope="col">覆盖率</th>,
                ])}
              </tr>
            </thead>
            <tbody>{rows.filter((r) => !r.total).map((r) => <CoverageRowOf key={r.region.code} row={r} name={r.region.name} />)}</tbody>
            <tfoot>
              {rows.filter((r) => r.total).map((r) => (
                <CoverageRowOf key={r.region.code} row={r} name={summary.children.length > 0 ? `${r.region.name}合计` : r.region.name} />
              ))}
            </tfoot>
          </table>
        </div>
      </div>
      <h3>从未走访的在册党组织</h3>
      <NeverVisitedList summary={summary} config={config} />
    </section>
  );
}

type Listing = { status: 'idle' } | { status: 'reading'; read?: number } | { status: 'error'; text: string } | { status: 'done'; items: NeverVisited[] };

/** The never-visited branches, read page after page when asked; the table (never-visited.tsx) is loaded then. */
function NeverVisitedList({ summary, config }: { summary: Summary; config: WebConfig }) {
  const [state, setState] = useState<Listing>({ status: 'idle' });

  async function load(): Promise<void> {
    setState({ status: 'reading' });
    // The table's chunk comes while the pages are read.
    void loadTable();
    const items: NeverVisited[] = [];
    try {
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ visited: 'false', limit: '500', ...regionBranchQuery(summary.region) });
        if (cursor) query.set('cursor', cursor);
        const page: { items: NeverVisited[]; nextCursor: string | null } = await getDocument(config, `/branches?${query}`);
        items.push(...page.items);
        cursor = page.nextCursor;
        setState({ status: 'reading', read: items.length });
      } while (cursor);
    } catch (error) {
      setState({ status: 'error', text: troubleText(error) });
      return;
    }
    setState({ status: 'done', items });
    announce(`从未走访的在册党组织共 ${items.length} 个`);
  }

  return (
    <>
      <button type="button" id="never-visited-load" disabled={state.status === 'reading' || state.status === 'done'} onClick={() => void load()}>
        列出从未走访的在册党组织
      </button>
      <div aria-live="polite">
        {state.status === 'reading' && <p class="notice" role="status">{state.read === undefined ? '正在读取…' : `正在读取…已读 ${formatNumber(state.read)} 个`}</p>}
        {state.status === 'error' && <p class="notice error" role="alert">{state.text}</p>}
        {state.status === 'done' && <NeverVisitedTable regionName={summary.region.name} items={state.items} asOf={summary.asOf} />}
      </div>
    </>
  );
}

const loadTable = () => import('./later.ts').then((m) => m.NeverVisitedTable);
const NeverVisitedTable = lazyPart(loadTable, (error) => (error === undefined
  ? <p class="notice" role="status">正在读取…</p>
  : <p class="notice error" role="alert">{troubleText(error)}</p>));
