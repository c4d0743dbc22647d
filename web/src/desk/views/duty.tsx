import { kindNamed } from '#schemas/kinds/index.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { ApiError } from '../../api.ts';
import { LEVEL_NAMES } from '../../dashboard/figures.ts';
import { send } from '../data.ts';
import { dutyPeriod, headsInOrder, hiddenOf, lineHeader, recordsOf, type Scorecard, scoreAt, sideBySideColumns, TARGETS, yearsUpTo } from '../heads.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { mayReview, navigate, person, top } from '../state.ts';
import { tableOf } from '../table.ts';
import { DUTY_NAME, OWN_DUTY_NAME, VIEW_NAMES } from '../words.ts';
import { Badge, ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { PrintButton } from './print.tsx';
import { DocxButton } from './docx-button.tsx';
import { dutyDocument } from '../documents.ts';

type DutyRoute = Extract<Route, { view: 'duty' }>;

async function fetchJson<T>(path: string): Promise<T> {
  const answer = await send<T>(path);
  if (!answer.ok) throw new ApiError(answer.problem);
  return answer.value;
}

/**
 * 述职 (`#/duty/<head>?year=&date=`): one head's scorecard for a year as of a day, and 总结讲评
 * (`#/duty`): every head of the region side by side. A head (or their staff) has only their own
 * report, at `#/duty`; staff and admins open any head's of their region from the list.
 */
export function DutyView({ route }: { route: DutyRoute }) {
  const own = !mayReview.value ? person.value.ministerId : undefined;
  const id = route.id ?? own;
  if (id) return <DutyReport id={id} filters={route.filters} own={!!own} />;
  if (!mayReview.value) return <section aria-labelledby="list-title"><ViewTitle id="list-title">{OWN_DUTY_NAME}</ViewTitle><p class="notice">此账号未关联组织部长，没有述职报告。</p></section>;
  return <SideBySide filters={route.filters} />;
}

/** The year and the day a report is as of: the person's choice, kept in the address. */
function PeriodControls({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const today = beijingDate();
  const { year, date } = dutyPeriod(filters, today);
  return (
    <form class="filter-fields period no-print" aria-label="年度和截至日期" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="duty-year">年度</label>
        <select id="duty-year" value={String(year)} onChange={(e) => onChange(withFilter(withFilter(filters, 'year', (e.target as HTMLSelectElement).value), 'date', ''))}>
          {yearsUpTo(today).map((y) => <option key={y} value={String(y)}>{y} 年</option>)}
        </select>
      </div>
      <div class="field">
        <label for="duty-date">数据截至</label>
        <input id="duty-date" type="date" min={`${year}-01-01`} max={year < Number(today.slice(0, 4)) ? `${year}-12-31` : today} value={date}
          onChange={(e) => onChange(withFilter(filters, 'date', (e.target as HTMLInputElement).value))} />
      </div>
    </form>
  );
}

function DutyReport({ id, filters, own }: { id: string; filters: Filters; own: boolean }) {
  const { year, date } = dutyPeriod(filters, beijingDate());
  const loaded = useLoad(() => fetchJson<Scorecard>(`/ministers/${encodeURIComponent(id)}/scorecard?year=${year}&date=${date}`), [id, year, date]);
  const onChange = (next: Filters) => navigate({ view: 'duty', id: own ? undefined : id, filters: next }, true);
  const card = loaded.state.status === 'ok' ? loaded.state.value : undefined;
  return (
    <section aria-labelledby="list-title" class="duty doc" data-view="duty">
      {!own && <p class="back no-print"><a href={hrefOf({ view: 'duty', filters: { year: String(year), date } })}>← 返回{VIEW_NAMES.duty}</a></p>}
      <ViewTitle id="list-title">{card ? `${card.minister.name} · ${card.year} 年度述职` : own ? OWN_DUTY_NAME : DUTY_NAME}</ViewTitle>
      <PeriodControls filters={filters} onChange={onChange} />
      {loaded.state.status === 'loading' && <Loading what="述职数据" />}
      {loaded.state.status === 'error' && <Trouble error={loaded.state.error} retry={loaded.reload} />}
      {card && <ReportBody card={card} />}
    </section>
  );
}

function ReportBody({ card }: { card: Scorecard }) {
  const region = findRegion(card.minister.regionCode)?.name ?? card.minister.regionCode;
  return (
    <>
      <div class="actions no-print"><PrintButton /><DocxButton document={() => dutyDocument(card)} name={`${card.minister.name}-${card.year}年度述职-${card.asOf}`} /></div>
      <p class="doc-meta">
        {region} · {LEVEL_NAMES[card.minister.level]}组织部长 · {card.year} 年度 · <strong data-as-of={card.asOf}>数据截至 {card.asOf}</strong>
      </p>
      <p class="hint">按六个一批逐项对表：计入 {card.year} 年内日期的记录，以 {card.asOf} 当日结束时（北京时间）的内容为准；已撤回、已退回的记录和未确认的疑似重复走访不计。</p>
      <section class="card doc-part" aria-labelledby="contacts-title">
        <h3 id="contacts-title">联系点<small>已走访 <span data-figure="contactBranches.visited">{card.contactBranches.visited}</span> / 共 <span data-figure="contactBranches.assigned">{card.contactBranches.assigned}</span> 个</small></h3>
        {card.contactBranches.branches.length === 0 ? <p class="hint">未确定联系点。</p> : (
          <ul class="contacts">
            {card.contactBranches.branches.map((b) => (
              <li key={b.id} data-contact={b.id}>{b.name}<span class="hint">（{findRegion(b.countyCode)?.name ?? b.countyCode}）</span> <Badge tone={b.visited ? 'review-approved' : 'review-has_issues'}>{b.visited ? '已走访' : '未走访'}</Badge></li>
            ))}
          </ul>
        )}
      </section>
      <div class="duty-targets">
      {TARGETS.map((target) => {
        const records = recordsOf(card, target);
        const hidden = hiddenOf(card, target);
        const kind = target.kinds[0] ? kindNamed(target.kinds[0]) : undefined;
        return (
          <section class="card doc-part" key={target.key} aria-labelledby={`target-${target.key}`} data-target={target.key}>
            <h3 id={`target-${target.key}`}>{target.title}</h3>
            <table class="score" aria-label={target.title}>
              <tbody>
                {target.lines.map((l) => (
                  <tr key={l.path}><th scope="row">{lineHeader(l)}</th><td class="number" data-figure={l.path}>{scoreAt(card, l.path).toLocaleString('zh-CN')}</td></tr>
                ))}
              </tbody>
            </table>
            {kind ? (
              records.length > 0 ? (
                <details class="behind" open>
                  <summary>依据的记录（{records.length} 条）</summary>
                  <ol class="records" data-records={target.key}>
                    {records.map((r) => <li key={r.id}><a href={hrefOf({ view: 'record', kind: kind.form.path, id: r.id, part: 'detail' })} data-record-link={r.id}>{r.title}</a></li>)}
                  </ol>
                </details>
              ) : hidden === 0 && <p class="hint">没有计入的{kind.form.label.zh}。</p>
            ) : <p class="hint">收集于上列走访记录。</p>}
            {hidden > 0 && <p class="hint" data-hidden={target.key}>另有 {hidden} 条计入的记录在本地区以外，无权查看。</p>}
          </section>
        );
      })}
      </div>
      <p class="doc-foot">数据截至 {card.asOf} · {card.minister.name}</p>
    </>
  );
}

/** 总结讲评: every head of a region side by side (`GET /scorecards`), each name opening their report; downloadable. */
function SideBySide({ filters }: { filters: Filters }) {
  const { year, date } = dutyPeriod(filters, beijingDate());
  const region = filters.region ?? top.value;
  const loaded = useLoad(() => fetchJson<{ asOf: string; items: Scorecard[] }>(`/scorecards?region=${region}&year=${year}&date=${date}`), [region, year, date]);
  const onChange = (next: Filters) => navigate({ view: 'duty', filters: next }, true);
  const regions = ALL_REGIONS.filter((r) => r.level !== 'county' || findRegion(top.value)?.level !== 'province').filter((r) => regionContains(top.value, r.code));

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="各部长数据" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const cards = headsInOrder(loaded.state.value.items);
    const table = tableOf(`${VIEW_NAMES.duty}-${findRegion(region)?.name ?? region}-${year}`, sideBySideColumns((l) => LEVEL_NAMES[l]), cards);
    body = (
      <>
        <p class="doc-meta"><strong data-as-of={loaded.state.value.asOf}>数据截至 {loaded.state.value.asOf}</strong> · {findRegion(region)?.name} · {year} 年度 · 共 {cards.length} 位组织部长</p>
        <ExportBar table={table} />
        <div class="side-by-side">
          <ListTable table={table} caption={`${VIEW_NAMES.duty}：各组织部长的数据`} rowKey={(i) => cards[i].minister.id}
            link={{ column: 'name', href: (i) => hrefOf({ view: 'duty', id: cards[i].minister.id, filters: { year: String(year), date } }) }} />
        </div>
      </>
    );
  }
  return (
    <section aria-labelledby="list-title" class="list-view" data-view="duty-list">
      <ViewTitle id="list-title">{VIEW_NAMES.duty}</ViewTitle>
      <p class="hint no-print">各组织部长按六个一批的数据并列；点姓名查看其述职（可打印或保存为 PDF）。</p>
      <div class="filters card no-print duty-filters">
        <PeriodControls filters={filters} onChange={onChange} />
        {regions.length > 1 && (
          <div class="field">
            <label for="duty-region">地区</label>
            <select id="duty-region" value={region} onChange={(e) => onChange(withFilter(filters, 'region', (e.target as HTMLSelectElement).value === top.value ? '' : (e.target as HTMLSelectElement).value))}>
              {regions.map((r) => <option key={r.code} value={r.code}>{r.level === 'county' && findRegion(top.value)?.level === 'province' ? '　' : ''}{r.name}</option>)}
            </select>
          </div>
        )}
      </div>
      {body}
    </section>
  );
}
