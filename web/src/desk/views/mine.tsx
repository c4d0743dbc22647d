import { useSignalEffect } from '@preact/signals';
import { REVIEW_STATES, reviewStateOf, type ReviewState } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { beijingDate, beijingDateTime } from '#schemas/time.ts';
import { getAll, type StoredRecord } from '../data.ts';
import { countLights } from '../lights.ts';
import { mineInOrder, needsAttention } from '../lists.ts';
import { type Filters, hrefOf, type Route, withFilter } from '../route.ts';
import { changed, navigate } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { VIEW_NAMES } from '../words.ts';
import { Badge, ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { FilterBar } from './filters.tsx';
import { ToDoSection } from './to-do.tsx';

interface Row {
  kind: Kind;
  record: StoredRecord;
}

const STATES: readonly ReviewState[] = ['rejected', 'has_issues', 'received', 'approved'];

/**
 * 我的填报: every record a submitter (a head or their staff) reported, of every kind (the API
 * scopes each list to their own), under every review state: returned and flagged ones first and
 * marked, with the reviewer's comment; counted by review state at the top (a count filters the
 * list). A record opens beside the list (its history, its correction: a corrected returned record
 * goes back to review, as the API does). Their own problems and suggestions are the ledgers'.
 */
export function MineView({ route, current }: { route: Extract<Route, { view: 'mine' }>; current?: string }) {
  const { filters } = route;
  const loaded = useLoad(async () => {
    const query = new URLSearchParams({ limit: '500' });
    if (filters.from) query.set('from', filters.from);
    if (filters.to) query.set('to', filters.to);
    const lists = await Promise.all(KINDS.map(async (kind) => (await getAll<StoredRecord>(`/${kind.form.path}`, query)).map((record) => ({ kind, record }))));
    return lists.flat();
  }, [filters.from, filters.to]);

  useSignalEffect(() => {
    const change = changed.value;
    if (!change || loaded.state.status !== 'ok') return;
    const rows = loaded.state.value;
    if (rows.some((r) => r.record.id === change.record.id)) loaded.set(rows.map((r) => (r.record.id === change.record.id ? { ...r, record: change.record } : r)));
  });

  const mine = loaded.state.status === 'ok' ? loaded.state.value.filter((r) => r.record.status !== 'withdrawn') : undefined;
  const known = mine && {
    returned: mine.filter((r) => reviewStateOf(r.record) === 'rejected').length,
    flagged: mine.filter((r) => reviewStateOf(r.record) === 'has_issues').length,
  };

  const onChange = (next: Filters) => navigate({ view: 'mine', filters: next }, true);
  const review = filters.review as ReviewState | undefined;

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="记录" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const all = loaded.state.value.filter((r) => r.record.status !== 'withdrawn' && (!filters.kind || r.kind.form.path === filters.kind));
    const counts = Object.fromEntries(STATES.map((s) => [s, all.filter((r) => reviewStateOf(r.record) === s).length])) as Record<ReviewState, number>;
    const rows = mineInOrder(all.filter((r) => !review || reviewStateOf(r.record) === review));
    const columns: Column<Row>[] = [
      { key: 'kind', label: '类别', width: 12, essential: true, value: (r) => r.kind.form.label.zh },
      { key: 'title', label: '记录', width: 36, essential: true, value: (r) => r.kind.presentation.title(r.record) },
      { key: 'date', label: '日期', type: 'date', width: 12, value: (r) => r.kind.dateOf(r.record) },
      { key: 'review', label: '审核状态', width: 10, essential: true, value: (r) => REVIEW_STATES[reviewStateOf(r.record)] },
      { key: 'comment', label: '审核意见', width: 30, essential: true, value: (r) => r.record.review?.comment },
      { key: 'status', label: '状态', width: 10, value: (r) => (r.kind.form.statuses.labels as Record<string, string>)[r.record.status] },
      { key: 'received', label: '收到时间', width: 18, value: (r) => beijingDateTime(r.record.createdAt) },
    ];
    const table = tableOf(`${VIEW_NAMES.mine}${review ? `-${REVIEW_STATES[review]}` : ''}`, columns, rows);
    body = (
      <>
        <ul class="tiles" aria-label="按审核状态">
          {STATES.map((state) => (
            <li key={state}>
              <a class={`tile${counts[state] > 0 && (state === 'rejected' || state === 'has_issues') ? ' attention' : ''}`} data-review-count={state}
                href={hrefOf({ view: 'mine', filters: withFilter(filters, 'review', review === state ? '' : state) })} aria-current={review === state ? 'true' : undefined}>
                <strong class="count">{counts[state].toLocaleString('zh-CN')}</strong><span>{REVIEW_STATES[state]}</span>
              </a>
            </li>
          ))}
        </ul>
        <ExportBar table={table} />
        <ListTable table={table} caption={`${VIEW_NAMES.mine}（已退回、有问题的在前）`} rowKey={(i) => rows[i].record.id} current={current}
          cell={(column, i) => (column === 'review'
            ? <Badge tone={`review-${reviewStateOf(rows[i].record)}${needsAttention(rows[i].record) ? ' attention' : ''}`}>{REVIEW_STATES[reviewStateOf(rows[i].record)]}</Badge>
            : undefined)}
          link={{ column: 'title', href: (i) => hrefOf({ view: 'record', kind: rows[i].kind.form.path, id: rows[i].record.id, part: 'detail' }) }} />
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="mine">
      <ViewTitle id="list-title">{VIEW_NAMES.mine}</ViewTitle>
      <p class="hint">本人（所属部长）报送的全部记录。已退回、有问题的记录请按审核意见修改，修改后重新进入待审核。
        本人的问题和意见建议见<a href={hrefOf({ view: 'problems', filters: {} })}>{VIEW_NAMES.problems}</a>、<a href={hrefOf({ view: 'suggestions', filters: {} })}>{VIEW_NAMES.suggestions}</a>。</p>
      <ToDoSection known={known} more={headsOwnWaiting} />
      <FilterBar label="筛选" filters={filters} show={['kind', 'dates']} onChange={onChange} />
      {body}
    </section>
  );
}

/** A head's problems by light and suggestions waiting (the API scopes both lists to their own). */
async function headsOwnWaiting() {
  const [problems, suggestions] = await Promise.all([
    getAll<StoredRecord & { deadline: string }>('/problems', new URLSearchParams({ limit: '500' })),
    getAll('/suggestions', new URLSearchParams({ status: 'pending', limit: '500' })),
  ]);
  const lights = countLights(problems, beijingDate());
  return { red: lights.red, yellow: lights.yellow, pendingSuggestions: suggestions.length };
}
