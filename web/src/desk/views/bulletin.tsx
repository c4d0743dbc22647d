import { BULLETIN_COLUMNS, bulletinTitle, rateText } from '#schemas/bulletin-columns.ts';
import { ALL_REGIONS, findRegion, regionContains } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { ApiError } from '../../api.ts';
import { send } from '../data.ts';
import { type Bulletin, bulletinDocument, bulletinTable, HEAD_HEADERS, headCells, PROVISIONAL_MARK } from '../documents.ts';
import { type Filters, type Route, withFilter } from '../route.ts';
import { navigate, top } from '../state.ts';
import { VIEW_NAMES } from '../words.ts';
import { Badge, ExportBar, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { DocxButton } from './docx-button.tsx';

/** The months a 通报 may be asked for: this one and the 23 before it, newest first. */
export function monthsUpTo(today: string, count = 24): string[] {
  const months: string[] = [];
  let day = `${today.slice(0, 7)}-01`;
  for (let i = 0; i < count; i++) {
    months.push(day.slice(0, 7));
    day = `${addDays(day, -1).slice(0, 7)}-01`;
  }
  return months;
}

/**
 * 通报 (`#/bulletin?region=&month=`): a province's prefectures or a prefecture's counties ranked for a
 * month, each column's rank beside its figure, the overall rank and its formula under the table,
 * 「暂定」 until the month is confirmed; downloads as .xlsx (the table on screen) and .docx (GB/T 9704).
 * Last month by default: the one a department circulates.
 */
export function BulletinView({ route }: { route: Extract<Route, { view: 'bulletin' }> }) {
  const { filters } = route;
  const today = beijingDate();
  const months = monthsUpTo(today);
  const month = filters.month && months.includes(filters.month) ? filters.month : months[1];
  const regions = ALL_REGIONS.filter((r) => r.level !== 'county' && regionContains(top.value, r.code));
  const region = filters.region ?? regions[0]?.code;
  const loaded = useLoad(async () => {
    if (!region) return undefined;
    const answer = await send<Bulletin>(`/bulletins/${month}/${region}`);
    if (!answer.ok) throw new ApiError(answer.problem);
    return answer.value;
  }, [region, month]);
  const onChange = (key: string) => (e: Event) => navigate({ view: 'bulletin', filters: withFilter(filters, key, (e.target as HTMLSelectElement).value) }, true);

  let body;
  if (!region) body = <p class="notice">县级没有下级地区可排名，请查看所属市州的通报。</p>;
  else if (loaded.state.status === 'loading') body = <Loading what="通报" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else if (loaded.state.value) body = <BulletinBody bulletin={loaded.state.value} />;

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="bulletin">
      <ViewTitle id="list-title">{VIEW_NAMES.bulletin}</ViewTitle>
      <form class="filters card no-print" aria-label="地区和月份" onSubmit={(e) => e.preventDefault()}>
        {regions.length > 1 && (
          <div class="field">
            <label for="bulletin-region">地区</label>
            <select id="bulletin-region" value={region} onChange={onChange('region')}>
              {regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </div>
        )}
        <div class="field">
          <label for="bulletin-month">月份</label>
          <select id="bulletin-month" value={month} onChange={onChange('month')}>
            {months.map((m) => <option key={m} value={m}>{m.slice(0, 4)} 年 {Number(m.slice(5, 7))} 月</option>)}
          </select>
        </div>
      </form>
      {body}
    </section>
  );
}

function BulletinBody({ bulletin }: { bulletin: Bulletin }) {
  const table = bulletinTable(bulletin);
  const title = bulletinTitle(bulletin.month, findRegion(bulletin.region.code)?.name ?? bulletin.region.name);
  return (
    <div class="bulletin" data-provisional={String(bulletin.provisional)}>
      <h3 class="bulletin-title">{title} {bulletin.provisional && <Badge tone="review-has_issues">{PROVISIONAL_MARK}</Badge>}</h3>
      <p class="doc-meta">
        {bulletin.asOf ? <strong data-as-of={bulletin.asOf}>数据截至 {bulletin.asOf}</strong> : '—'}
        {bulletin.provisional && <span class="hint"> · 本月尚未确认，排名为暂定。</span>}
      </p>
      <div class="no-print">
        <ExportBar table={table}>
          <DocxButton document={() => bulletinDocument(bulletin)} name={`${title}${bulletin.provisional ? `（${PROVISIONAL_MARK}）` : ''}`} />
        </ExportBar>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`${title}（可左右滚动）`}>
        <table class="bulletin-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">综合排名</th>
              <th scope="col">地区</th>
              {BULLETIN_COLUMNS.map((c) => <th scope="col" key={c.key}>{c.name}{c.key === 'coverageRate' ? '' : <small>（{c.unit}）</small>}</th>)}
            </tr>
          </thead>
          <tbody>
            {bulletin.rows.map((r) => (
              <tr key={r.region.code} data-region={r.region.code}>
                <td class="number" data-overall-rank>{r.overallRank}</td>
                <th scope="row">{r.region.name}</th>
                {BULLETIN_COLUMNS.map((c) => (
                  <td class="number" key={c.key} data-figure={c.key} data-rank={r.ranks[c.key]}>
                    {c.key === 'coverageRate' ? rateText(r.figures.coverageRate) : r.figures[c.key].toLocaleString('zh-CN')}
                    <span class="rank">第{r.ranks[c.key]}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="formula" data-formula>{bulletin.formula}</p>
      <dl class="bulletin-terms hint">
        {BULLETIN_COLUMNS.map((c) => <div key={c.key}><dt>{c.name}</dt><dd>{c.means}</dd></div>)}
      </dl>
      {bulletin.heads.length > 0 && (
        <section aria-labelledby="bulletin-heads">
          <h3 id="bulletin-heads" class="bulletin-title">各组织部长本月情况</h3>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="各组织部长本月情况（可左右滚动）">
            <table class="bulletin-table heads">
              <thead><tr>{HEAD_HEADERS.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
              <tbody>
                {bulletin.heads.map((head) => {
                  const [name, region, ...figures] = headCells(head);
                  return <tr key={head.minister.id} data-head={head.minister.id}><th scope="row">{name}</th><td class="text">{region}</td>{figures.map((f, i) => <td class="number" key={i}>{f}</td>)}</tr>;
                })}
              </tbody>
            </table>
          </div>
          <p class="hint">按各自记录中日期在本月的走访、组织生活和逾期报送；“—”为尚未统计（次日凌晨更新）。</p>
        </section>
      )}
    </div>
  );
}
