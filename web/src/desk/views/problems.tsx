import { useSignalEffect } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { problemKind, PROBLEM_STATUSES } from '#schemas/kinds/problem.ts';
import { childrenOf, findRegion } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { ApiError } from '../../api.ts';
import { getAll, getList, send, type StoredRecord } from '../data.ts';
import { ACCEPTANCE_STATES, type AcceptanceState } from '#schemas/acceptance.ts';
import { byUrgency, countGreyParts, countLights, GREY_PART_NAMES, GREY_PARTS, type GreyPart, type Light, LIGHT_ORDER, LIGHTS, lightOf, greyPartOf, timeLeftText } from '../lights.ts';
import { byRegion, countRegions, regionQuery } from '../lists.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { changed, names, navigate, top } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { shorten } from '../../text.ts';
import { VIEW_NAMES } from '../words.ts';
import { ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { MovedNotice } from './moved-notice.tsx';
import { FilterBar } from './filters.tsx';
import { PartialBar } from './partial.tsx';
import { StatusPanel } from './status-panel.tsx';

type Problem = StoredRecord & {
  deadline: string; description: string; branch: { name: string; countyCode: string }; responsible: { unit: string }; rectifiedOn?: string;
  acceptance?: { state: AcceptanceState };
};
/** The count of each light, and of the grey light's two parts (待验收, 已销号). */
type Lights = Record<Light | GreyPart, number>;

/** The by-region table's columns: the lights of problems not rectified, then the grey light's two parts. */
const REGION_COLUMNS = [...LIGHT_ORDER.filter((l) => l !== 'grey'), ...GREY_PARTS] as const;
const columnName = (c: Light | GreyPart) => (c === 'waiting' || c === 'accepted' ? GREY_PART_NAMES[c] : LIGHTS[c].name);

/** 整改状态, with where 验收 stands: 已整改 · 待验收, 已整改 · 已销号, 整改中 · 验收退回. */
function statusText(p: Problem): string {
  const status = PROBLEM_STATUSES[p.status as keyof typeof PROBLEM_STATUSES] ?? p.status;
  const acceptance = p.status === 'rectified' ? greyPartOf(p) : p.acceptance?.state === 'returned' ? 'returned' : undefined;
  return acceptance ? `${status} · ${ACCEPTANCE_STATES[acceptance]}` : status;
}

/** Problems read at a time: a screen's worth, well within 300 KB. */
const PAGE = 200;

/**
 * The ledger as read so far: its rows, the counts of its lights (the whole region's, from the work
 * lists; a head's, from their own problems, all read), and where reading goes on: which of the
 * lists (`sources`: open problems, then rectified ones; or the one light chosen) and from where.
 */
interface Ledger {
  rows: Problem[];
  totals: Lights;
  byRegion: (code: string) => Lights;
  next?: { source: number; cursor: string | null };
}

/** What `GET /work-counts` answers of problems (schemas/work-lists.ts). */
interface ProblemCounts {
  problems: Lights;
  children: { region: { code: string }; problems: Lights }[];
}

/**
 * 问题整改台账: every problem in the person's region, most urgent first, each with its light (红灯
 * 逾期, 黄灯 10 日内到期, 绿灯 10 日以上, 灰 已整改 split into 待验收 and 已销号; web/src/desk/lights.ts), the count of each light
 * for every child region (a prefecture sees which county has red problems), and its status moved
 * on in place (待整改 → 整改中 → 已整改 with 整改情况 and 完成日期).
 */
export function ProblemsView({ route, current }: { route: Extract<Route, { view: 'problems' }>; current?: string }) {
  const { filters } = route;
  const region = filters.region ?? top.value;
  // Each source one of the API's work lists: open problems, then rectified ones waiting for 验收, then those accepted.
  // (灰 as a whole is read as its two parts: each a list of its own.)
  const grey = ['light=waiting', 'light=accepted'];
  const sources = filters.light === 'grey' ? grey : filters.light ? [`light=${filters.light}`] : ['open=true', ...grey];
  const read = async (from: { source: number; cursor: string | null }): Promise<Pick<Ledger, 'rows' | 'next'>> => {
    const query = new URLSearchParams({ limit: String(PAGE), ...regionQuery(region), ...Object.fromEntries(new URLSearchParams(sources[from.source])) });
    const listed = await getList<Problem>('/problems', query, PAGE, from.cursor);
    const next = listed.nextCursor ? { source: from.source, cursor: listed.nextCursor } : from.source + 1 < sources.length ? { source: from.source + 1, cursor: null } : undefined;
    return { rows: listed.items, next };
  };
  const loaded = useLoad(async (): Promise<Ledger> => {
    const today = beijingDate();
    if (filters.minister) {
      // A head's problems are few: all read, counted here.
      const query = new URLSearchParams({ limit: '500', ...regionQuery(region), ministerId: filters.minister });
      const rows = (await getAll<Problem>('/problems', query)).filter((p) => p.status !== 'withdrawn');
      const regions = countRegions(region, childrenOf);
      const groups = byRegion(rows, regions, (p) => p.branch.countyCode);
      const count = (of: Problem[]): Lights => ({ ...countLights(of, today), ...countGreyParts(of) });
      return { rows, totals: count(rows), byRegion: (code) => count(groups.get(code) ?? []) };
    }
    const [counted, first] = await Promise.all([send<ProblemCounts>(`/work-counts?region=${region}`), read({ source: 0, cursor: null })]);
    if (!counted.ok) throw new ApiError(counted.problem);
    const { problems, children } = counted.value;
    return { ...first, totals: problems, byRegion: (code) => children.find((c) => c.region.code === code)?.problems ?? problems };
  }, [region, filters.minister, filters.light]);
  const more = async () => {
    if (loaded.state.status !== 'ok' || !loaded.state.value.next) return;
    const ledger = loaded.state.value;
    const further = await read(ledger.next!);
    loaded.set({ ...ledger, rows: [...ledger.rows, ...further.rows.filter((p) => !ledger.rows.some((r) => r.id === p.id))], next: further.next });
  };
  const [open, setOpen] = useState<string>();
  const [done, setDone] = useState<{ id: string; text: string }>();
  // Once a problem is moved on, the rows keep the places they had (and one moved out of the light chosen stays) until loaded again.
  const [placed, setPlaced] = useState<readonly string[]>();
  useEffect(() => { setPlaced(undefined); setDone(undefined); setOpen(undefined); }, [region, filters.minister, filters.light]);

  useSignalEffect(() => {
    const change = changed.value;
    if (!change || change.kind !== 'problems' || loaded.state.status !== 'ok') return;
    const ledger = loaded.state.value;
    if (ledger.rows.some((p) => p.id === change.record.id)) {
      loaded.set({ ...ledger, rows: ledger.rows.map((p) => (p.id === change.record.id ? change.record as Problem : p)).filter((p) => p.status !== 'withdrawn') });
    }
  });

  const onChange = (next: Filters) => navigate({ view: 'problems', filters: next }, true);
  const today = beijingDate();

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="问题" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const { rows: all, totals, next } = loaded.state.value;
    const regions = countRegions(region, childrenOf);
    const countsOf = loaded.state.value.byRegion;
    const chosen = filters.light as Light | GreyPart | undefined;
    const rows = placed
      ? placed.flatMap((id) => all.filter((p) => p.id === id))
      : byUrgency(all, today).filter((p) => !chosen || lightOf(p, today) === chosen || greyPartOf(p) === chosen);
    const columns: Column<Problem>[] = [
      { key: 'light', label: '灯', width: 8, essential: true, value: (p) => LIGHTS[lightOf(p, today)!].name },
      { key: 'description', label: '问题描述', width: 36, essential: true, value: (p) => p.description },
      { key: 'branch', label: '问题所在党组织', width: 24, value: (p) => p.branch.name },
      { key: 'region', label: '所在地区', width: 14, value: (p) => findRegion(p.branch.countyCode)?.name },
      { key: 'minister', label: '组织部长', width: 12, value: (p) => names.value.minister(p.ministerId) },
      { key: 'deadline', label: '整改时限', type: 'date', width: 12, value: (p) => p.deadline },
      { key: 'timeLeft', label: '时限情况', width: 12, essential: true, value: (p) => timeLeftText(p, today) },
      { key: 'status', label: '整改状态', width: 16, essential: true, value: statusText },
      { key: 'responsible', label: '责任单位', width: 20, value: (p) => p.responsible.unit },
      { key: 'rectifiedOn', label: '完成日期', type: 'date', width: 12, value: (p) => p.rectifiedOn },
    ];
    const table = tableOf(`${VIEW_NAMES.problems}${chosen ? `-${columnName(chosen)}` : ''}`, columns, rows);
    const lightLink = (light: Light | GreyPart | undefined, n: number) => (
      <a href={hrefOf({ view: 'problems', filters: withFilter(filters, 'light', light ?? '') })} class={`light-chip light-${light ?? 'all'}`}
        aria-current={(filters.light ?? '') === (light ?? '') ? 'true' : undefined} data-light={light ?? 'all'}>
        {light === 'waiting' || light === 'accepted' ? <>灰·{GREY_PART_NAMES[light]}</> : light ? <>{LIGHTS[light].name} {LIGHTS[light].meaning}</> : '全部'} <strong>{n.toLocaleString('zh-CN')}</strong>
      </a>
    );
    body = (
      <>
        <nav class="light-chips" aria-label="按灯筛选">
          {lightLink(undefined, LIGHT_ORDER.reduce((sum, l) => sum + totals[l], 0))}
          {LIGHT_ORDER.map((l) => lightLink(l, totals[l]))}
          {GREY_PARTS.map((part) => lightLink(part, totals[part]))}
        </nav>
        <div class="table-wrap">
          <table class="by-region" data-by-region>
            <caption>各地区问题整改情况（个）</caption>
            <thead><tr><th scope="col">地区</th>{REGION_COLUMNS.map((l) => <th scope="col" key={l} class={`number light-${l}`}>{columnName(l)}</th>)}</tr></thead>
            <tbody>
              {regions.map((r) => {
                const counts = countsOf(r.code);
                return (
                  <tr key={r.code} data-region={r.code}>
                    <th scope="row">{r.code === region ? r.name : <a href={hrefOf({ view: 'problems', filters: withFilter(filters, 'region', r.code) })}>{r.name}</a>}</th>
                    {REGION_COLUMNS.map((l) => <td key={l} class="number" data-light={l}>{counts[l].toLocaleString('zh-CN')}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {next && <PartialBar shown={rows.length} total={chosen ? totals[chosen] : LIGHT_ORDER.reduce((sum, l) => sum + totals[l], 0)} onMore={more} />}
        <ExportBar table={table} partial={!!next} />
        <ListTable table={table} caption={`${VIEW_NAMES.problems}（最紧急的在前）`} rowKey={(i) => rows[i].id} current={current}
          link={{ column: 'description', href: (i) => hrefOf({ view: 'record', kind: 'problems', id: rows[i].id, part: 'detail' }) }}
          cell={(column, _i, text) => (column === 'light' ? <span class={`light light-${LIGHT_ORDER.find((l) => LIGHTS[l].name === text)}`}>{text}</span> : undefined)}
          actions={(i) => (rows[i].status === 'rectified' ? null : (
            <button type="button" aria-expanded={open === rows[i].id ? 'true' : 'false'} onClick={() => { setDone(undefined); setOpen(open === rows[i].id ? undefined : rows[i].id); }}>
              更新整改<span class="visually-hidden">：{rows[i].description}</span>
            </button>
          ))}
          expanded={open ? { key: open, content: (() => {
            const p = rows.find((r) => r.id === open);
            return p ? (
              <>
                {done?.id === p.id && <MovedNotice text={done.text} />}
                <StatusPanel compact kind={problemKind} record={p} onDone={(next) => {
                  changed.value = { kind: 'problems', record: next };
                  if (next.status !== p.status) {
                    setPlaced(rows.map((r) => r.id));
                    setDone({ id: p.id, text: `“${shorten(p.description, 20)}”已改为“${PROBLEM_STATUSES[next.status as keyof typeof PROBLEM_STATUSES]}”（第 ${next.version} 版）。` });
                    if (next.status === 'rectified') setOpen(undefined);
                  }
                }} />
              </>
            ) : null;
          })() } : done ? { key: done.id, content: <MovedNotice text={done.text} /> } : undefined} />
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="problems">
      <ViewTitle id="list-title">{VIEW_NAMES.problems}<small>{findRegion(region)?.name}</small></ViewTitle>
      <FilterBar label="筛选" filters={filters} show={['region', 'minister', 'light']} onChange={onChange} />
      {body}
    </section>
  );
}
