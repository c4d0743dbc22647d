import { useState } from 'preact/hooks';
import { REVIEW_STATES, reviewStateOf } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KIND } from '#schemas/kinds/index.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { getList, getRecord, type StoredRecord } from '../data.ts';
import { leavesOf, recordTree } from '../describe.ts';
import { oldestFirst } from '../lists.ts';
import { hrefOf } from '../route.ts';
import { changed, mayReview, names } from '../state.ts';
import { type Column, tableOf } from '../table.ts';
import { DUPLICATE_ACTIONS, VIEW_NAMES } from '../words.ts';
import { ExportBar, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { ReviewPanel } from './review-panel.tsx';
import { PartialBar } from './partial.tsx';

interface Pair {
  visit: StoredRecord;
  /** The earlier visit it may repeat; undefined when it cannot be read. */
  original?: StoredRecord;
}

/** Visits as the API answers them (StoredRecord), read through the kinds' shared view. */
const visitKind: Kind = KIND.visit;

/** What a comparison leaves out: who reviewed, and the server's bookkeeping. */
const NOT_COMPARED = new Set(['duplicateOf', 'review.comment']);

/**
 * 疑似重复: each visit the API flagged as a second report of the same head, branch and day
 * (`GET /visits?suspectedDuplicates=true`: not yet approved or rejected), beside the visit it may
 * repeat, field by field; staff settle it: 确认为不同走访 (review approved: it counts) or 确认为重复
 * (review rejected, with a comment).
 */
/** Pairs read at a time: each also reads the visit it may repeat. */
const PAGE = 50;

const QUERY = new URLSearchParams({ suspectedDuplicates: 'true', limit: String(PAGE) });

/** A page of suspected duplicates from `cursor` on, each beside the visit it may repeat. */
async function pairsFrom(cursor: string | null): Promise<{ pairs: Pair[]; nextCursor: string | null }> {
  const listed = await getList<StoredRecord>('/visits', QUERY, PAGE, cursor);
  const pairs = await Promise.all(oldestFirst(listed.items).map(async (visit): Promise<Pair> => {
    const original = await getRecord('visits', String(visit.duplicateOf));
    return { visit, original: original.ok ? original.value : undefined };
  }));
  return { pairs, nextCursor: listed.nextCursor };
}

export function DuplicatesView() {
  const loaded = useLoad(() => pairsFrom(null), []);
  const more = async () => {
    if (loaded.state.status !== 'ok' || !loaded.state.value.nextCursor) return;
    const { pairs } = loaded.state.value;
    const further = await pairsFrom(loaded.state.value.nextCursor);
    loaded.set({ pairs: [...pairs, ...further.pairs], nextCursor: further.nextCursor });
  };
  const [notice, setNotice] = useState<string>();

  const settled = (pair: Pair, next: StoredRecord) => {
    if (loaded.state.status !== 'ok') return;
    changed.value = { kind: 'visits', record: next };
    const state = reviewStateOf(next);
    const done = state === 'approved' || state === 'rejected';
    loaded.set({ ...loaded.state.value, pairs: loaded.state.value.pairs.flatMap((p) => (p.visit.id !== pair.visit.id ? [p] : done ? [] : [{ ...p, visit: next }])) });
    if (done) setNotice(`“${visitKind.presentation.title(next)}”已${state === 'approved' ? DUPLICATE_ACTIONS.distinct : DUPLICATE_ACTIONS.duplicate}（第 ${next.version} 版）。`);
  };

  let body;
  if (loaded.state.status === 'loading') body = <Loading what="疑似重复的走访记录" />;
  else if (loaded.state.status === 'error') body = <Trouble error={loaded.state.error} retry={loaded.reload} />;
  else {
    const { pairs, nextCursor } = loaded.state.value;
    const columns: Column<Pair>[] = [
      { key: 'title', label: '走访记录', width: 36, value: (p) => visitKind.presentation.title(p.visit) },
      { key: 'minister', label: '组织部长', width: 12, value: (p) => names.value.minister(p.visit.ministerId) },
      { key: 'region', label: '所在地区', width: 14, value: (p) => findRegion(visitKind.regionOf(p.visit))?.name },
      { key: 'original', label: '疑似重复于', width: 36, value: (p) => (p.original ? visitKind.presentation.title(p.original) : '（无法查看）') },
      { key: 'originalReceived', label: '原记录收到时间', width: 18, value: (p) => (p.original ? beijingDateTime(p.original.createdAt) : undefined) },
      { key: 'received', label: '收到时间', width: 18, value: (p) => beijingDateTime(p.visit.createdAt) },
      { key: 'review', label: '审核状态', width: 10, value: (p) => REVIEW_STATES[reviewStateOf(p.visit)] },
    ];
    const table = tableOf(VIEW_NAMES.duplicates, columns, pairs);
    body = (
      <>
        {notice && <p class="notice ok" role="status">{notice}</p>}
        {nextCursor && <PartialBar shown={pairs.length} onMore={more} />}
        <ExportBar table={table} partial={!!nextCursor} />
        {pairs.length === 0 ? <p class="notice" data-empty>没有待处理的疑似重复走访记录。</p> : (
          <ol class="pairs">
            {pairs.map((pair) => <li key={pair.visit.id}><PairCard pair={pair} onDone={(next) => settled(pair, next)} /></li>)}
          </ol>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="list-title" class="list-view" data-view="duplicates">
      <ViewTitle id="list-title">{VIEW_NAMES.duplicates}</ViewTitle>
      <p class="hint">同一部长同一天对同一党组织报送了两条走访记录。确认为不同走访后计入统计；确认为重复的不计入。</p>
      {body}
    </section>
  );
}

function PairCard({ pair, onDone }: { pair: Pair; onDone: (next: StoredRecord) => void }) {
  const mine = leavesOf(recordTree(visitKind, pair.visit, names.value)).filter((l) => !NOT_COMPARED.has(l.path));
  const theirs = new Map(pair.original ? leavesOf(recordTree(visitKind, pair.original, names.value)).map((l) => [l.path, l]) : []);
  const paths = [...mine.map((l) => l.path), ...[...theirs.keys()].filter((p) => !NOT_COMPARED.has(p) && !mine.some((l) => l.path === p))];
  const label = (path: string) => mine.find((l) => l.path === path)?.label ?? theirs.get(path)?.label ?? path;
  const text = (path: string, side: 'mine' | 'theirs') => (side === 'mine' ? mine.find((l) => l.path === path)?.text : theirs.get(path)?.text) ?? '';
  const title = visitKind.presentation.title(pair.visit);
  return (
    <article class="card pair" data-pair={pair.visit.id} aria-label={`疑似重复：${title}`}>
      <h3><a href={hrefOf({ view: 'record', kind: 'visits', id: pair.visit.id, part: 'detail' })}>{title}</a></h3>
      <div class="table-wrap">
        <table class="compare">
          <caption class="visually-hidden">逐项对照：本条走访记录与可能重复的记录</caption>
          <thead><tr><th scope="col">项目</th><th scope="col">本条（{beijingDateTime(pair.visit.createdAt)} 收到）</th>
            <th scope="col">{pair.original ? <a href={hrefOf({ view: 'record', kind: 'visits', id: pair.original.id, part: 'detail' })}>疑似重复于（{beijingDateTime(pair.original.createdAt)} 收到）</a> : '疑似重复于（无法查看）'}</th></tr></thead>
          <tbody>
            {paths.map((path) => {
              const differs = pair.original !== undefined && text(path, 'mine') !== text(path, 'theirs');
              return (
                <tr key={path} class={differs ? 'differs' : undefined} data-path={path}>
                  <th scope="row">{label(path)}{differs && <span class="visually-hidden">（不同）</span>}</th>
                  <td>{text(path, 'mine') || '—'}</td>
                  <td>{pair.original ? text(path, 'theirs') || '—' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {mayReview.value
        ? <ReviewPanel kind={visitKind} record={pair.visit} onDone={onDone} idPrefix="duplicate" hint={`${DUPLICATE_ACTIONS.duplicate}时必填`} labels={{ approved: DUPLICATE_ACTIONS.distinct, rejected: DUPLICATE_ACTIONS.duplicate }} />
        : <p class="hint">疑似重复由组织部门工作人员确认。</p>}
    </article>
  );
}
