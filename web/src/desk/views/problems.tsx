import { useSignalEffect } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { problemKind, PROBLEM_STATUSES } from '#schemas/kinds/problem.ts';
import { childrenOf, findRegion } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { getAll, type StoredRecord } from '../data.ts';
import { byUrgency, countLights, type Light, LIGHT_ORDER, LIGHTS, lightOf, timeLeftText } from '../lights.ts';
import { byRegion, countRegions, regionQuery } from '../lists.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { changed, names, navigate, top } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { shorten } from '../../text.ts';
import { VIEW_NAMES } from '../words.ts';
import { ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { MovedNotice } from './moved-notice.tsx';
import { FilterBar } from './filters.tsx';
import { StatusPanel } from './status-panel.tsx';

type Problem = StoredRecord & { deadline: string; description: string; branch: { name: string; countyCode: string }; responsible: { unit: string }; rectifiedOn?: string };

/**
 * 问题整改台账: every problem in the person's region, most urgent first, each with its light (红灯
 * 逾期, 黄灯 10 日内到期, 绿灯 10 日以上, 灰 已整改; web/src/desk/lights.ts), the count of each light
 * for every child region (a prefecture sees which county has red problems), and its status moved
 * on in place (待整改 → 整改中 → 已整改 with 整改情况 and 完成日期).
 */
export function ProblemsView({ route, current }: { route: Extract<Route, { view: 'problems' }>; current?: string }) {
  const { filters } = route;
  const region = filters.region ?? top.value;
  const loaded = useLoad(async () => {
    const query = new URLSearchParams({ limit: '500', ...regionQuery(region) });
    if (filters.minister) query.set('ministerId', filters.minister);
    return (await getAll<Problem>('/problems', query)).filter((p) => p.status !== 'withdrawn');
  }, [region, filters.minister]);
  const [open, setOpen] = useState<string>();
  const [done, setDone] = useState<{ id: string; text: string }>();
  // Once a problem is moved on, the rows keep the places they had (and one moved out of the light chosen stays) until loaded again.
  const [placed, setPlaced] = useState<readonly string[]>();
  useEffect(() => { setPlaced(undefined); setDone(undefined); setOpen(undefined); }, [region, filters.minister, filters.light]);

  useSignalEffect(() => {
    const change = changed.value;
    if (!change || change.kind !== 'problems' || loaded.state.status !== 'ok') return;
    const rows = loaded.state.value;
    if (rows.some((p) => p.id === change.record.id)) {
      loaded.set(rows.map((p) => (p.id === change.record.id ? change.record as Problem : p)).filter((p) => p.status !== 'withdrawn'));
    }
  });

  const onChange = (next: Filters) => navigate({ view: 'problems', filters: next }, true);
  const today = beijingDate();

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="问题" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const all = loaded.state.value;
    const regions = countRegions(region, childrenOf);
    const groups = byRegion(all, regions, (p) => p.branch.countyCode);
    const totals = countLights(all, today);
    const chosen = filters.light as Light | undefined;
    const rows = placed
      ? placed.flatMap((id) => all.filter((p) => p.id === id))
      : byUrgency(all, today).filter((p) => !chosen || lightOf(p, today) === chosen);
    const columns: Column<Problem>[] = [
      { key: 'light', label: '灯', width: 8, essential: true, value: (p) => LIGHTS[lightOf(p, today)!].name },
      { key: 'description', label: '问题描述', width: 36, essential: true, value: (p) => p.description },
      { key: 'branch', label: '问题所在党组织', width: 24, value: (p) => p.branch.name },
      { key: 'region', label: '所在地区', width: 14, value: (p) => findRegion(p.branch.countyCode)?.name },
      { key: 'minister', label: '组织部长', width: 12, value: (p) => names.value.minister(p.ministerId) },
      { key: 'deadline', label: '整改时限', type: 'date', width: 12, value: (p) => p.deadline },
      { key: 'timeLeft', label: '时限情况', width: 12, essential: true, value: (p) => timeLeftText(p, today) },
      { key: 'status', label: '整改状态', width: 10, essential: true, value: (p) => PROBLEM_STATUSES[p.status as keyof typeof PROBLEM_STATUSES] },
      { key: 'responsible', label: '责任单位', width: 20, value: (p) => p.responsible.unit },
      { key: 'rectifiedOn', label: '完成日期', type: 'date', width: 12, value: (p) => p.rectifiedOn },
    ];
    const table = tableOf(`${VIEW_NAMES.problems}${chosen ? `-${LIGHTS[chosen].name}` : ''}`, columns, rows);
    const lightLink = (light: Light | undefined, n: number) => (
      <a href={hrefOf({ view: 'problems', filters: withFilter(filters, 'light', light ?? '') })} class={`light-chip light-${light ?? 'all'}`}
        aria-current={(filters.light ?? '') === (light ?? '') ? 'true' : undefined} data-light={light ?? 'all'}>
        {light ? <>{LIGHTS[light].name} {LIGHTS[light].meaning}</> : '全部'} <strong>{n.toLocaleString('zh-CN')}</strong>
      </a>
    );
    body = (
      <>
        <nav class="light-chips" aria-label="按灯筛选">
          {lightLink(undefined, all.length)}
          {LIGHT_ORDER.map((l) => lightLink(l, totals[l]))}
        </nav>
        <div class="table-wrap">
          <table class="by-region" data-by-region>
            <caption>各地区问题整改情况（个）</caption>
            <thead><tr><th scope="col">地区</th>{LIGHT_ORDER.map((l) => <th scope="col" key={l} class={`number light-${l}`}>{LIGHTS[l].name}</th>)}</tr></thead>
            <tbody>
              {regions.map((r) => {
                const counts = countLights(groups.get(r.code) ?? [], today);
                return (
                  <tr key={r.code} data-region={r.code}>
                    <th scope="row">{r.code === region ? r.name : <a href={hrefOf({ view: 'problems', filters: withFilter(filters, 'region', r.code) })}>{r.name}</a>}</th>
                    {LIGHT_ORDER.map((l) => <td key={l} class="number" data-light={l}>{counts[l].toLocaleString('zh-CN')}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ExportBar table={table} />
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
