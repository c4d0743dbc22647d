import { useEffect, useState } from 'preact/hooks';
import { BRANCH_TYPES } from '#schemas/common.ts';
import { findRegion } from '#schemas/regions.ts';
import { ApiError } from '../../api.ts';
import { branchPageFetcher } from '../../forms/branch-fetch.ts';
import { type CountyList, fetchCounty, type KnownBranch, searchBranches } from '../../forms/branch-registry.ts';
import { announce } from '../../shell.ts';
import { currentConfig, getAll, getRecord, send, type StoredRecord } from '../data.ts';
import { BRANCH_KINDS, inMatchingOrder, matchPatch, type Unmatched, unmatchedOf } from '../registry/matching.ts';
import { names, top } from '../state.ts';
import { hrefOf } from '../route.ts';
import { Loading, Trouble, troubleText, useLoad } from './common.tsx';

/**
 * 待匹配支部: every record of the region whose branch was typed in (not registered), oldest first;
 * staff match one to a registered branch of its county (searched as in the forms) by a correction,
 * `PATCH { branch: { id } }` with If-Match, and see the answer: the record's new version, now
 * naming the registry's branch. Listed from the kinds' lists (the region's records, page by page).
 */

const TYPE_NAMES = BRANCH_TYPES as Record<string, string>;
const keyOf = (item: Unmatched) => `${item.kind.name}/${item.record.id}/${item.field}/${item.index ?? ''}`;

async function loadUnmatched(region: string): Promise<Unmatched[]> {
  const level = findRegion(region)?.level;
  const query = new URLSearchParams({ limit: '500', ...(level === 'county' ? { county: region } : level === 'prefecture' ? { prefecture: region } : {}) });
  const lists = await Promise.all(BRANCH_KINDS.map(async (kind) => (await getAll<Unmatched['record']>(`/${kind.form.path}`, query)).flatMap((record) => unmatchedOf(kind, record))));
  return inMatchingOrder(lists.flat());
}

export function MatchingView() {
  const region = top.value;
  const { state, reload } = useLoad(() => loadUnmatched(region), [region]);
  const [open, setOpen] = useState<string>();
  const [matched, setMatched] = useState<Record<string, string>>({});
  if (state.status === 'loading') return <Loading what="待匹配的记录" />;
  if (state.status === 'error') return <Trouble error={state.error} retry={reload} />;
  const items = state.value;
  const waiting = items.filter((item) => !matched[keyOf(item)]).length;
  return (
    <section aria-labelledby="list-title" class="matching">
      <p class="hint">这些记录的党组织是手动填写的，尚未对应支部名册，不计入走访覆盖。为每条选择名册中的党组织（以修改记录的方式保存，记入修改记录）。</p>
      <p data-waiting={waiting} role="status">待匹配 {waiting} 条</p>
      {items.length === 0 ? <p class="notice" data-empty>没有待匹配的记录。</p> : (
        <div class="table-wrap list-wrap">
          <table class="list" data-list="待匹配支部">
            <caption class="visually-hidden">手动填写党组织的记录</caption>
            <thead><tr><th scope="col">种类</th><th scope="col">日期</th><th scope="col">组织部长</th><th scope="col">所在县</th><th scope="col">填写的名称</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
            <tbody>
              {items.map((item) => {
                const key = keyOf(item);
                const done = matched[key];
                const row = (
                  <tr key={key} data-key={key} data-record={item.record.id}>
                    <td data-label="种类" class="short">{item.kind.form.label.zh}</td>
                    <td data-label="日期" class="date">{item.date}</td>
                    <td data-label="组织部长">{names.value.minister(item.record.ministerId)}</td>
                    <td data-label="所在县">{findRegion(item.branch.countyCode)?.name ?? item.branch.countyCode}</td>
                    <td data-label="填写的名称">
                      <span>
                        <a href={hrefOf({ view: 'record', kind: item.kind.form.path, id: item.record.id, part: 'detail' })}>{item.branch.name}</a>
                        {' '}<small>{TYPE_NAMES[item.branch.type]}{item.index !== undefined ? ` · 第 ${item.index + 1} 个调研对象` : ''}</small>
                      </span>
                    </td>
                    <td class="row-actions">
                      {done ? <span class="badge ok" data-matched>{done}</span>
                        : <button type="button" aria-expanded={open === key} onClick={() => setOpen(open === key ? undefined : key)}>匹配</button>}
                    </td>
                  </tr>
                );
                return open === key && !done ? [row, (
                  <tr key={`${key}-panel`} class="panel-row"><td colSpan={6}>
                    <MatchPanel item={item} onMatched={(text) => { setMatched({ ...matched, [key]: text }); setOpen(undefined); }} />
                  </td></tr>
                )] : row;
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The county's registered branches searched by name (the typed name to start with); a pick is sent as a correction. */
function MatchPanel({ item, onMatched }: { item: Unmatched; onMatched: (text: string) => void }) {
  const county = item.branch.countyCode;
  const [registry, setRegistry] = useState<CountyList>();
  const [loadError, setLoadError] = useState<unknown>();
  const [typed, setTyped] = useState(item.branch.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [record, setRecord] = useState(item.record);
  useEffect(() => {
    fetchCounty(county, branchPageFetcher(currentConfig())).then(setRegistry, setLoadError);
  }, [county]);
  const id = `match-${item.record.id}-${item.index ?? 0}`;

  async function pick(branch: KnownBranch) {
    setBusy(true);
    setError(undefined);
    try {
      let answer = await send<StoredRecord>(`/${item.kind.form.path}/${record.id}`, { method: 'PATCH', body: matchPatch({ ...item, record }, branch.id), version: record.version });
      if (!answer.ok && answer.status === 412) {
        // Changed meanwhile: read it again and match on the new version (the same branch, the same choice).
        const fresh = await getRecord(item.kind.form.path, record.id);
        if (!fresh.ok) throw new ApiError(fresh.problem);
        setRecord(fresh.value as Unmatched['record']);
        answer = await send<StoredRecord>(`/${item.kind.form.path}/${record.id}`, { method: 'PATCH', body: matchPatch({ ...item, record: fresh.value as Unmatched['record'] }, branch.id), version: fresh.value.version });
      }
      if (!answer.ok) {
        const text = answer.problem.errors?.map((e) => e.message).join('；') ?? answer.problem.detail ?? answer.problem.title;
        setError(text);
        announce(`未能匹配：${text}`);
        return;
      }
      const text = `已匹配：${branch.name}（第 ${answer.value.version} 版）`;
      announce(text);
      onMatched(text);
    } catch (e) {
      setError(troubleText(e));
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <Trouble error={loadError} />;
  if (!registry) return <Loading what="本县支部名册" />;
  const found = searchBranches(registry.items, typed, 8);
  return (
    <div class="match-panel" data-match-panel>
      <div class="field">
        <label for={id}>在{findRegion(county)?.name ?? county}支部名册中搜索</label>
        <input id={id} type="search" value={typed} autoComplete="off" aria-describedby={`${id}-error`} onInput={(e) => setTyped(e.currentTarget.value)} />
        <div class="error-text" id={`${id}-error`} role="alert">{error}</div>
      </div>
      {found.length === 0 ? <p class="notice">名册中没有匹配“{typed}”的党组织{registry.items.length === 0 ? '（本县名册为空）' : ''}。</p> : (
        <ul class="match-options">
          {found.map((b) => (
            <li key={b.id}>
              <button type="button" disabled={busy} data-branch={b.id} onClick={() => void pick(b)}>
                {b.name} <small>{TYPE_NAMES[b.type]}{b.aliases?.length ? ` · 曾用名 ${b.aliases.join('、')}` : ''}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
