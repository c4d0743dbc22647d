import { useEffect, useRef, useState } from 'preact/hooks';
import { roleMay } from '#schemas/access.ts';
import { ALL_REGIONS, findRegion, regionContains, type RegionLevel } from '#schemas/regions.ts';
import { ApiError } from '../../api.ts';
import { LEVEL_NAMES, ROSTER_COUNTS } from '../../dashboard/figures.ts';
import { announce } from '../../shell.ts';
import { getAll, send } from '../data.ts';
import { type Head, nextHeadId, sameNamed, searchHeads, termChangeNote } from '../heads.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { ministers, navigate, person, top } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { DUTY_NAME, VIEW_NAMES } from '../words.ts';
import { Badge, ExportBar, ListTable, Loading, Trouble, troubleText, useLoad, ViewTitle } from './common.tsx';

type RosterRoute = Extract<Route, { view: 'roster' }>;

/** A new head's address: `#/roster/new`. */
const NEW = 'new';
const LEVELS = Object.keys(LEVEL_NAMES) as RegionLevel[];
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const mayWrite = () => !!person.value.role && roleMay(person.value.role, 'ministers.write');

/**
 * 部长名册 (`#/roster`, `#/roster/<id>`, `#/roster/new`): the heads of the person's region, searched
 * by name or region; admins add heads and edit their name, level and region (PUT with If-Match, the
 * API's field errors beside the fields); staff read it. Heads of one region who share a name are
 * marked and shown with their id, so they can be told apart.
 */
export function RosterView({ route }: { route: RosterRoute }) {
  const loaded = useLoad(() => getAll<Head>('/ministers', new URLSearchParams({ limit: '500' })), []);
  if (route.id) {
    if (loaded.state.status === 'loading') return <Shell title={VIEW_NAMES.roster}><Loading what="部长名册" /></Shell>;
    if (loaded.state.status === 'error') return <Shell title={VIEW_NAMES.roster}><Trouble error={loaded.state.error} retry={loaded.reload} /></Shell>;
    const heads = loaded.state.value;
    const saved = (head: Head) => {
      const rest = heads.filter((h) => h.id !== head.id);
      loaded.set([...rest, head]);
      ministers.value = [...ministers.value.filter((m) => m.id !== head.id), head];
    };
    if (route.id === NEW && mayWrite()) return <HeadForm key={NEW} heads={heads} onSaved={saved} />;
    const head = heads.find((h) => h.id === route.id);
    if (!head) return <Shell title={VIEW_NAMES.roster}><p class="notice" role="status">找不到该组织部长，或无权查看。</p><p><a href={hrefOf({ view: 'roster', filters: {} })}>返回{VIEW_NAMES.roster}</a></p></Shell>;
    return mayWrite() ? <HeadForm key={head.id} head={head} heads={heads} onSaved={saved} /> : <HeadCard head={head} />;
  }
  return <RosterList filters={route.filters} loaded={loaded} />;
}

const Shell = ({ title, children }: { title: string; children: preact.ComponentChildren }) => (
  <section aria-labelledby="list-title" class="roster" data-view="roster">
    <p class="back"><a href={hrefOf({ view: 'roster', filters: {} })}>← 返回{VIEW_NAMES.roster}</a></p>
    <ViewTitle id="list-title">{title}</ViewTitle>
    {children}
  </section>
);

function RosterList({ filters, loaded }: { filters: Filters; loaded: ReturnType<typeof useLoad<Head[]>> }) {
  const onChange = (next: Filters) => navigate({ view: 'roster', filters: next }, true);
  const regions = ALL_REGIONS.filter((r) => regionContains(top.value, r.code));
  const [q, setQ] = useState(filters.q ?? '');
  const writer = mayWrite();

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="部长名册" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const all = loaded.state.value;
    const twins = sameNamed(all);
    const heads = searchHeads(all, filters.q, filters.region);
    const columns: Column<Head>[] = [
      { key: 'name', label: '姓名', width: 10, essential: true, value: (h) => h.name },
      { key: 'region', label: '地区', width: 16, essential: true, value: (h) => findRegion(h.regionCode)?.name ?? h.regionCode },
      { key: 'level', label: '级别', width: 8, value: (h) => LEVEL_NAMES[h.level] },
      { key: 'id', label: '编号', width: 20, value: (h) => h.id },
      { key: 'contacts', label: '联系点（个）', type: 'number', width: 10, value: (h) => h.contactBranches?.length ?? 0 },
    ];
    const table = tableOf(`${VIEW_NAMES.roster}-${findRegion(filters.region ?? top.value)?.name ?? ''}`, columns, heads);
    body = (
      <>
        <p class="hint" data-roster-counts>{ROSTER_COUNTS}</p>
        {twins.size > 0 && <p class="hint">标“同名”的是同一地区内重名的组织部长，请按编号区分。</p>}
        <ExportBar table={table} />
        <ListTable table={table} caption={VIEW_NAMES.roster} rowKey={(i) => heads[i].id}
          link={{ column: 'name', href: (i) => hrefOf({ view: 'roster', id: heads[i].id, filters: {} }) }}
          cell={(column, i, text) => (column === 'name' && twins.has(heads[i].id) ? <>{text} <Badge tone="duplicate">同名</Badge></> : undefined)}
          actions={(i) => <a href={hrefOf({ view: 'duty', id: heads[i].id, filters: {} })}>{DUTY_NAME}</a>} />
      </>
    );
  }
  return (
    <section aria-labelledby="list-title" class="list-view roster" data-view="roster">
      <ViewTitle id="list-title">{VIEW_NAMES.roster}<small>{writer ? '' : '只读'}</small></ViewTitle>
      {writer && <p class="actions"><a class="button primary" href={hrefOf({ view: 'roster', id: NEW, filters: {} })} data-add-head>新增组织部长</a></p>}
      <form class="filters card" aria-label="查找" role="search" onSubmit={(e) => { e.preventDefault(); onChange(withFilter(filters, 'q', q.trim())); }}>
        <div class="field">
          <label for="roster-q">姓名、地区或编号</label>
          <input id="roster-q" type="search" value={q} onInput={(e) => { const v = (e.target as HTMLInputElement).value; setQ(v); onChange(withFilter(filters, 'q', v.trim())); }} />
        </div>
        {regions.length > 1 && (
          <div class="field">
            <label for="roster-region">地区</label>
            <select id="roster-region" value={filters.region ?? ''} onChange={(e) => onChange(withFilter(filters, 'region', (e.target as HTMLSelectElement).value))}>
              <option value="">{findRegion(top.value)?.name ?? '全部'}</option>
              {regions.filter((r) => r.code !== top.value).map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　' : ''}{r.name}</option>)}
            </select>
          </div>
        )}
      </form>
      {body}
    </section>
  );
}

/** A head as staff see them: read only. */
function HeadCard({ head }: { head: Head }) {
  return (
    <Shell title={`${head.name}（${findRegion(head.regionCode)?.name ?? head.regionCode}）`}>
      <section class="card" data-head-card={head.id}>
        <dl class="fields compact">
          <dt>姓名</dt><dd>{head.name}</dd>
          <dt>级别</dt><dd>{LEVEL_NAMES[head.level]}</dd>
          <dt>地区</dt><dd>{findRegion(head.regionCode)?.name ?? head.regionCode}</dd>
          <dt>编号</dt><dd>{head.id}</dd>
        </dl>
        <Terms head={head} />
        <p><a href={hrefOf({ view: 'duty', id: head.id, filters: {} })}>查看{DUTY_NAME}</a></p>
      </section>
    </Shell>
  );
}

function Terms({ head }: { head: Head }) {
  if (!head.terms?.length) return null;
  return (
    <>
      <h3>任期</h3>
      <ol class="terms" data-terms>
        {head.terms.map((t) => <li key={t.from}>{t.from} 起 · {LEVEL_NAMES[t.level]} · {findRegion(t.regionCode)?.name ?? t.regionCode}</li>)}
      </ol>
    </>
  );
}

type Errors = Record<string, string>;

/** The API's field errors by the field they name (`regionCode`, `contactBranches.0` → `contactBranches`); the rest under `''`. */
function errorsByField(list: readonly { path: string; message: string }[]): Errors {
  const fields = ['id', 'name', 'level', 'regionCode', 'contactBranches'];
  const found: Errors = {};
  for (const e of list) {
    const field = fields.find((f) => e.path === f || e.path.startsWith(`${f}.`) || e.path.startsWith(`${f}[`)) ?? '';
    found[field] = found[field] ? `${found[field]}；${e.message}` : e.message;
  }
  return found;
}

/** Add a head (`head` absent) or edit one: name, level, region; the id chosen once. */
function HeadForm({ head, heads, onSaved }: { head?: Head; heads: Head[]; onSaved: (head: Head) => void }) {
  const [name, setName] = useState(head?.name ?? '');
  const [level, setLevel] = useState<RegionLevel>(head?.level ?? 'county');
  const [regionCode, setRegionCode] = useState(head?.regionCode ?? '');
  const [id, setId] = useState(head?.id ?? '');
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState(head);
  const first = useRef<HTMLInputElement>(null);
  const regions = ALL_REGIONS.filter((r) => r.level === level);
  const note = termChangeNote(current, { level, regionCode });

  // A new head's id follows the region chosen, until the admin writes one.
  useEffect(() => {
    if (!current && !idTouched) setId(regionCode ? nextHeadId(regionCode, heads.map((h) => h.id)) : '');
  }, [regionCode]);

  async function save(event: Event) {
    event.preventDefault();
    setNotice(undefined);
    const found: Errors = {};
    if (!name.trim()) found.name = '请填写姓名';
    if (!regionCode) found.regionCode = '请选择地区';
    if (!current && !ID.test(id)) found.id = '编号只能由字母、数字、点、下划线和连字符组成（不超过 64 个字符）';
    if (Object.keys(found).length > 0) { setErrors(found); announce(`有 ${Object.keys(found).length} 处需要修改`); return; }
    setBusy(true);
    try {
      if (!current) {
        // An id already used would replace that head: ask first.
        const existing = await send<Head>(`/ministers/${encodeURIComponent(id)}`);
        if (existing.ok) { setErrors({ id: '该编号已被使用，请换一个' }); announce('该编号已被使用'); return; }
      }
      const body = { name: name.trim(), level, regionCode, contactBranches: current?.contactBranches ?? [] };
      const answer = await send<Head>(`/ministers/${encodeURIComponent(current?.id ?? id)}`, { method: 'PUT', body, version: current?.version });
      if (answer.ok) {
        setErrors({});
        setCurrent(answer.value);
        onSaved(answer.value);
        const text = answer.status === 201 ? `已新增组织部长 ${answer.value.name}（编号 ${answer.value.id}）。` : `已保存，现为第 ${answer.value.version} 版。${note ?? ''}`;
        setNotice(text);
        announce(text);
        if (!current) history.replaceState(null, '', hrefOf({ view: 'roster', id: answer.value.id, filters: {} }));
      } else if (answer.status === 412) {
        const fresh = await send<Head>(`/ministers/${encodeURIComponent(current!.id)}`);
        if (fresh.ok) setCurrent(fresh.value);
        setErrors({ '': '该组织部长已被他人修改（已读取最新版本），请核对后再次保存。' });
        announce('该组织部长已被他人修改');
      } else {
        const list = answer.problem.errors?.length ? answer.problem.errors : [{ path: '', message: answer.problem.detail ?? answer.problem.title }];
        setErrors(errorsByField(list));
        announce(`有 ${list.length} 处需要修改`);
      }
    } catch (error) {
      setErrors({ '': error instanceof ApiError ? error.problem.title : troubleText(error) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: string) => ({ 'aria-invalid': errors[key] ? 'true' as const : undefined, 'aria-describedby': errors[key] ? `head-${key}-error` : undefined });
  const error = (key: string) => <p class="error-text" id={`head-${key}-error`} role={errors[key] ? 'alert' : undefined} data-error-for={key}>{errors[key] ?? ''}</p>;
  return (
    <Shell title={current ? `修改组织部长 · ${current.name}` : '新增组织部长'}>
      <form class="card head-form" onSubmit={(e) => void save(e)} noValidate data-head-form>
        {errors[''] && <p class="notice error" role="alert" data-error-for="">{errors['']}</p>}
        {notice && <p class="notice ok" role="status" data-saved>{notice}</p>}
        <div class="field">
          <label for="head-name">姓名</label>
          <input id="head-name" ref={first} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} {...field('name')} />
          {error('name')}
        </div>
        <div class="field">
          <label for="head-level">级别</label>
          <select id="head-level" value={level} onChange={(e) => { const next = (e.target as HTMLSelectElement).value as RegionLevel; setLevel(next); if (findRegion(regionCode)?.level !== next) setRegionCode(''); }} {...field('level')}>
            {LEVELS.map((l) => <option key={l} value={l}>{LEVEL_NAMES[l]}</option>)}
          </select>
          {error('level')}
        </div>
        <div class="field">
          <label for="head-region">地区</label>
          <select id="head-region" value={regionCode} onChange={(e) => setRegionCode((e.target as HTMLSelectElement).value)} {...field('regionCode')}>
            <option value="">请选择</option>
            {regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
          {error('regionCode')}
        </div>
        <div class="field">
          <label for="head-id">编号</label>
          <span class="hint" id="head-id-hint">{current ? '编号不能修改。' : '填报人账号按此编号关联部长；默认按地区编排，可以修改。'}</span>
          <input id="head-id" value={current?.id ?? id} readOnly={!!current} spellcheck={false} autocomplete="off"
            onInput={(e) => { setIdTouched(true); setId((e.target as HTMLInputElement).value.trim()); }} {...field('id')} />
          {error('id')}
        </div>
        {errors.contactBranches && <p class="error-text" role="alert" data-error-for="contactBranches">联系点：{errors.contactBranches}</p>}
        {note && <p class="notice" role="status" data-term-note>{note}</p>}
        <p class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '正在保存…' : '保存'}</button></p>
      </form>
      {current && <section class="card"><Terms head={current} /><p><a href={hrefOf({ view: 'duty', id: current.id, filters: {} })}>查看{DUTY_NAME}</a></p></section>}
    </Shell>
  );
}
