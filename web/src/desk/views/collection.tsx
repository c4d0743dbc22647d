import { BRANCH_TYPES } from '#schemas/common.ts';
import { reportKind } from '#schemas/kinds/report.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { getAll, type StoredRecord } from '../data.ts';
import { type CollectedReport, collectionOf, periodText } from '../heads.ts';
import { regionQuery } from '../lists.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { names, navigate, top } from '../state.ts';
import { VIEW_NAMES } from '../words.ts';
import { Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { PrintButton } from './print.tsx';
import { DocxButton } from './docx-button.tsx';
import { collectionDocument } from '../documents.ts';

type Report = StoredRecord & CollectedReport & {
  branches: { name: string; type: string; countyCode: string }[];
  highlights: string;
  weakSpots: string;
  remedies: string;
};

const labels = reportKind.presentation.labels as Record<string, { label: string } | undefined>;
const label = (key: string) => labels[key]?.label ?? key;

/** Page through `GET /reports` this many at a time, until there is no next page. */
const PAGE = '100';

/**
 * 调研报告集 (`#/collection?region=&from=&to=`): the research reports of a region and a period
 * (withdrawn ones aside), every page of the list route, as one printable document: a cover (title,
 * region, period, date made), a table of contents, then each report with its branches, 彩头, 短腿 and
 * 良方妙药. A head (or their staff) gathers their own.
 */
export function CollectionView({ route }: { route: Extract<Route, { view: 'collection' }> }) {
  const { filters } = route;
  const region = filters.region ?? top.value;
  const loaded = useLoad(async () => {
    const query = new URLSearchParams({ limit: PAGE, ...regionQuery(region) });
    if (filters.from) query.set('from', filters.from);
    if (filters.to) query.set('to', filters.to);
    return collectionOf(await getAll<Report>('/reports', query));
  }, [region, filters.from, filters.to]);
  const onChange = (next: Filters) => navigate({ view: 'collection', filters: next }, true);
  const set = (key: string) => (e: Event) => onChange(withFilter(filters, key, (e.target as HTMLInputElement).value));
  const regions = ALL_REGIONS.filter((r) => regionContains(top.value, r.code));
  const regionName = findRegion(region)?.name ?? region;
  const period = periodText(filters.from, filters.to);
  const today = beijingDate();

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="调研报告" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const reports = loaded.state.value;
    body = (
      <>
        <div class="actions no-print">
          <PrintButton />
          <DocxButton name={`${VIEW_NAMES.collection}-${regionName}-${today}`} document={() => collectionDocument({
            name: VIEW_NAMES.collection, region: regionName, period, made: today,
            reports: reports.map((r) => ({
              title: r.title, date: r.date, minister: names.value.minister(r.ministerId),
              branches: r.branches.map((b) => `${b.name}（${findRegion(b.countyCode)?.name ?? b.countyCode}）`).join('、'),
              parts: (['highlights', 'weakSpots', 'remedies'] as const).map((key) => ({ label: label(key), text: r[key] })),
            })),
          })} />
          <span class="count" role="status" data-report-count={reports.length}>共 {reports.length} 篇</span>
        </div>
        <div class="doc collection">
          <section class="cover" aria-label="封面">
            <p class="cover-title">{VIEW_NAMES.collection}</p>
            <dl class="fields compact">
              <dt>地区</dt><dd data-cover-region>{regionName}</dd>
              <dt>时间范围</dt><dd data-cover-period>{period}</dd>
              <dt>篇数</dt><dd>{reports.length} 篇</dd>
              <dt>编印日期</dt><dd data-cover-made>{today}</dd>
            </dl>
          </section>
          {reports.length === 0 ? <p class="notice" data-empty>该地区和时间范围内没有调研报告。</p> : (
            <>
              <nav class="toc" aria-labelledby="toc-title">
                <h3 id="toc-title">目录</h3>
                <ol>
                  {reports.map((r) => (
                    <li key={r.id} data-toc={r.id}>
                      <a href={`#report-${r.id}`} onClick={(e) => { e.preventDefault(); const target = document.getElementById(`report-${r.id}`); target?.scrollIntoView(); target?.focus(); }}>{r.title}</a>
                      <span class="hint"> · {r.date} · {names.value.minister(r.ministerId)}</span>
                    </li>
                  ))}
                </ol>
              </nav>
              {reports.map((r, i) => <ReportPart key={r.id} report={r} n={i + 1} />)}
            </>
          )}
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="collection">
      <ViewTitle id="list-title">{VIEW_NAMES.collection}<small>{regionName} · {period}</small></ViewTitle>
      <form class="filters card no-print" aria-label="地区和时间范围" onSubmit={(e) => e.preventDefault()}>
        {regions.length > 1 && (
          <div class="field">
            <label for="collection-region">地区</label>
            <select id="collection-region" value={region} onChange={set('region')}>
              {regions.map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　' : ''}{r.name}</option>)}
            </select>
          </div>
        )}
        <div class="field"><label for="collection-from">完成日期从</label><input id="collection-from" type="date" value={filters.from ?? ''} onChange={set('from')} /></div>
        <div class="field"><label for="collection-to">完成日期至</label><input id="collection-to" type="date" value={filters.to ?? ''} onChange={set('to')} /></div>
      </form>
      {body}
    </section>
  );
}

function ReportPart({ report, n }: { report: Report; n: number }) {
  return (
    <article class="report-part" id={`report-${report.id}`} tabIndex={-1} data-report={report.id} aria-labelledby={`report-title-${report.id}`}>
      <h3 id={`report-title-${report.id}`}>{n}. <span data-report-title>{report.title}</span></h3>
      <p class="doc-meta">{label('date')} {report.date} · 组织部长 {names.value.minister(report.ministerId)} · <a class="no-print" href={hrefOf({ view: 'record', kind: 'reports', id: report.id, part: 'detail' })}>查看记录</a></p>
      <h4>{label('branches')}</h4>
      <ul class="branches">
        {report.branches.map((b, i) => <li key={i}>{b.name}（{(BRANCH_TYPES as Record<string, string>)[b.type] ?? b.type} · {findRegion(b.countyCode)?.name ?? b.countyCode}）</li>)}
      </ul>
      {(['highlights', 'weakSpots', 'remedies'] as const).map((key) => (
        <section key={key} class="report-text">
          <h4>{label(key)}</h4>
          <p data-part={key}>{report[key]}</p>
        </section>
      ))}
    </article>
  );
}
