import { useSignalEffect } from '@preact/signals';
import { useState } from 'preact/hooks';
import { REVIEW_STATES, reviewStateOf } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS, kindNamed } from '#schemas/kinds/index.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { getList, type StoredRecord } from '../data.ts';
import { oldestFirst, recordQuery, shownInQueue } from '../lists.ts';
import { type Filters, hrefOf, type Route } from '../route.ts';
import { changed, mayReview, names, navigate } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { OWN_QUEUE_NAME, VIEW_NAMES } from '../words.ts';
import { ExportBar, ListTable, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import type { BulkApprove as BulkApproveView, BulkResult } from './bulk-approve.tsx';
import { FilterBar } from './filters.tsx';
import { lazyPart } from './lazy.tsx';
import { PartialBar } from './partial.tsx';

interface Row {
  kind: Kind;
  record: StoredRecord;
}

/** 批量通过: its own chunk, loaded when a reviewer opens the queue awaiting review. */
const BulkApprove = lazyPart<Parameters<typeof BulkApproveView>[0]>(() => import('./bulk-approve.tsx').then((m) => m.BulkApprove), '批量通过');

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Records read of a kind at a time: a screen's worth, and all kinds' first pages together well within 300 KB. */
const pageOf = (kinds: number) => (kinds > 1 ? 40 : 200);

/** The rows read so far, and where each kind's list goes on. */
interface Loaded {
  rows: Row[];
  next: { kind: Kind; cursor: string }[];
}

/** A kind's own list columns (`presentation.columns`), typed by what they hold: numbers, dates, text. */
function kindColumns(kind: Kind, rows: Row[]): Column<Row>[] {
  return kind.presentation.columns.map((c) => {
    const sample = rows.map((r) => c.value(r.record)).find((v) => v !== undefined && v !== '');
    const type = typeof sample === 'number' ? 'number' : typeof sample === 'string' && DATE.test(sample) ? 'date' : 'text';
    return { key: `k-${c.key}`, label: c.label, type, width: type === 'text' ? 24 : 12, value: (r: Row) => c.value(r.record) };
  });
}

/**
 * 待审核 (review queue): the records of every kind in the person's region whose review is
 * received, oldest first, filterable by kind, region, head, dates, status and review state. For a
 * head (or their staff) the same list holds their own records (the API scopes it), under any review.
 */
export function QueueView({ route, current }: { route: Extract<Route, { view: 'queue' }>; current?: string }) {
  const { filters } = route;
  const kinds = filters.kind ? [kindNamed(filters.kind)].filter((k): k is Kind => !!k) : KINDS;
  const key = JSON.stringify(filters);
  const page = pageOf(kinds.length);
  const read = async (from: readonly { kind: Kind; cursor: string | null }[]): Promise<Loaded> => {
    const lists = await Promise.all(from.map(async ({ kind, cursor }) => {
      const query = recordQuery(filters);
      query.set('limit', String(page));
      return { kind, listed: await getList<StoredRecord>(`/${kind.form.path}`, query, page, cursor) };
    }));
    return {
      rows: lists.flatMap(({ kind, listed }) => listed.items.map((record) => ({ kind, record }))),
      next: lists.flatMap(({ kind, listed }) => (listed.nextCursor ? [{ kind, cursor: listed.nextCursor }] : [])),
    };
  };
  const loaded = useLoad(() => read(kinds.map((kind) => ({ kind, cursor: null }))), [key]);
  // Ticked for 批量通过, by record id; each is approved at the version its row shows then.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<BulkResult>();
  const [tickedFor, setTickedFor] = useState(key);
  if (tickedFor !== key) {
    setTickedFor(key);
    setTicked(new Set());
    setBulkResult(undefined);
  }
  const more = async () => {
    if (loaded.state.status !== 'ok') return;
    const { rows, next } = loaded.state.value;
    const further = await read(next);
    loaded.set({ rows: [...rows, ...further.rows], next: further.next });
  };

  // A record changed in the detail beside the list (reviewed, corrected, withdrawn) updates here in place.
  useSignalEffect(() => {
    const change = changed.value;
    if (!change || loaded.state.status !== 'ok') return;
    const { rows, next } = loaded.state.value;
    if (rows.some((r) => r.record.id === change.record.id)) loaded.set({ rows: rows.map((r) => (r.record.id === change.record.id ? { ...r, record: change.record } : r)), next });
  });

  const review = filters.review ?? 'received';
  const title = mayReview.value ? (review === 'received' ? VIEW_NAMES.queue : '审核') : OWN_QUEUE_NAME;
  const onChange = (next: Filters) => navigate({ view: 'queue', filters: next }, true);

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="记录" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const { next } = loaded.state.value;
    const rows = oldestFirst(loaded.state.value.rows.filter((r) => shownInQueue(r.record, filters)
      && (review === 'all' || reviewStateOf(r.record) === review)).map((r) => ({ ...r, id: r.record.id, createdAt: r.record.createdAt })));
    const chosen = kinds.length === 1 ? kinds[0] : undefined;
    const columns: Column<Row>[] = [
      ...(chosen ? [] : [{ key: 'kind', label: '类别', width: 12, essential: true, value: (r: Row) => r.kind.form.label.zh }]),
      { key: 'title', label: '记录', width: 36, essential: true, value: (r: Row) => r.kind.presentation.title(r.record) },
      { key: 'region', label: '所在地区', width: 14, value: (r: Row) => findRegion(r.kind.regionOf(r.record))?.name },
      { key: 'minister', label: '组织部长', width: 12, value: (r: Row) => names.value.minister(r.record.ministerId) },
      ...(chosen ? kindColumns(chosen, rows) : [{ key: 'date', label: '日期', type: 'date' as const, width: 12, value: (r: Row) => r.kind.dateOf(r.record) }]),
      { key: 'status', label: '状态', width: 10, value: (r: Row) => (r.record.status === 'withdrawn' ? '已撤回' : (r.kind.form.statuses.labels as Record<string, string>)[r.record.status]) },
      { key: 'review', label: '审核状态', width: 10, essential: true, value: (r: Row) => REVIEW_STATES[reviewStateOf(r.record)] },
      ...(review !== 'received' ? [{ key: 'comment', label: '审核意见', width: 30, essential: true, value: (r: Row) => r.record.review?.comment }] : []),
      { key: 'received', label: '收到时间', width: 18, value: (r: Row) => beijingDateTime(r.record.createdAt) },
    ];
    const table = tableOf(`${title}${chosen ? `-${chosen.form.label.zh}` : ''}`, columns, rows);
    // Only records awaiting review are approved in bulk: the queue as staff first see it.
    const bulk = mayReview.value && review === 'received' && (rows.length > 0 || !!bulkResult);
    const tickedRows = rows.filter((r) => ticked.has(r.record.id));
    const toggle = (row: Row) => {
      const next = new Set(ticked);
      if (!next.delete(row.record.id)) next.add(row.record.id);
      setTicked(next);
    };
    const allTicked = tickedRows.length === 0 ? false : tickedRows.length === rows.length ? true : 'mixed' as const;
    body = (
      <>
        {next.length > 0 && <PartialBar shown={rows.length} onMore={more} />}
        <ExportBar table={table} partial={next.length > 0} />
        {bulk && (
          <BulkApprove ticked={tickedRows} allTicked={allTicked} onClear={() => setTicked(new Set())} result={bulkResult}
            onAll={() => setTicked(new Set(allTicked === true ? [] : rows.map((r) => r.record.id)))}
            onDone={(result) => { setTicked(new Set()); setBulkResult(result); loaded.reload(); }} />
        )}
        <ListTable table={table} caption={`${title}（最早收到的在前）`} rowKey={(i) => rows[i].record.id} current={current}
          link={{ column: 'title', href: (i) => hrefOf({ view: 'record', kind: rows[i].kind.form.path, id: rows[i].record.id, part: 'detail' }) }}
          select={bulk ? { ticked: (i) => ticked.has(rows[i].record.id), toggle: (i) => toggle(rows[i]), label: (i) => `选择：${rows[i].kind.presentation.title(rows[i].record) || '（无标题）'}` } : undefined} />
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="queue">
      <ViewTitle id="list-title">{title}</ViewTitle>
      <FilterBar label="筛选" filters={filters} show={['kind', 'region', 'minister', 'dates', 'status', 'review']} onChange={onChange} />
      {body}
    </section>
  );
}
