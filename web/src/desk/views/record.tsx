import { useEffect, useState } from 'preact/hooks';
import { mayWithdrawRecord, roleMay } from '#schemas/access.ts';
import { REVIEW_STATES, reviewStateOf } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate, beijingDateTime } from '#schemas/time.ts';
import { ApiError } from '../../api.ts';
import { hasUnsentCorrection } from '../../outbox-unsent.ts';
import { getRecord, type StoredRecord } from '../data.ts';
import { recordTree } from '../describe.ts';
import { LIGHTS, lightOf, timeLeftText } from '../lights.ts';
import { hrefOf, type Route } from '../route.ts';
import { changed, lastList, mayReview, names, person } from '../state.ts';
import { Badge, Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { Fields } from './fields.tsx';
import { lazyPart } from './lazy.tsx';
import { ReviewPanel } from './review-panel.tsx';
import { AcceptancePanel, acceptanceOf } from './acceptance-panel.tsx';
import { acceptanceStateOf } from '#schemas/acceptance.ts';
import { StatusPanel } from './status-panel.tsx';

type RecordRoute = Extract<Route, { view: 'record' }>;

/**
 * One record (`#/record/<kind>/<id>`), in full and in Chinese labels, with its review, and what
 * the person may do to it: review, move its status on, correct it (`/edit`), withdraw it, read its
 * change trail (`/history`). An id the person may not see is the API's 404: not found, nothing shown.
 */
export function RecordView({ route }: { route: RecordRoute }) {
  const kind = kindNamed(route.kind)!;
  const loaded = useLoad(async () => {
    const answer = await getRecord(kind.form.path, route.id);
    if (!answer.ok) throw new ApiError(answer.problem);
    return answer.value;
  }, [route.kind, route.id]);
  const [withdrawing, setWithdrawing] = useState(false);
  const [notice, setNotice] = useState<string>();
  // A correction of this record kept on the device (待发送 / 未能提交): shown above it until sent.
  const [kept, setKept] = useState(() => hasUnsentCorrection(localStorage, person.value.sub, route.id));
  useEffect(() => setNotice(undefined), [route.id]);
  // Read again when the form is left: a correction refused while it was open stays kept.
  useEffect(() => setKept(hasUnsentCorrection(localStorage, person.value.sub, route.id)), [route.id, route.part]);

  const record = loaded.state.status === 'ok' ? loaded.state.value : undefined;
  const title = record ? kind.presentation.title(record) : '';
  const update = (next: StoredRecord) => {
    loaded.set(next);
    changed.value = { kind: kind.form.path, record: next };
  };
  const go = (part: RecordRoute['part']) => { location.hash = hrefOf({ ...route, part }); };
  const back = lastList.value;
  // An accepted problem (已销号) is corrected by no one: the level above returns it first.
  const accepted = !!record && acceptanceStateOf({ status: record.status, acceptance: acceptanceOf(record) }) === 'accepted';
  const mayCorrect = !!record && record.status !== 'withdrawn' && !accepted && !!person.value.role && roleMay(person.value.role, 'records.correct');
  // Returned (退回) or flagged (有问题) and not reviewed again: the head is asked to correct it.
  const sentBack = record && (record.review?.state === 'rejected' || record.review?.state === 'has_issues') && !mayReview.value;

  return (
    <article class="record" data-record={route.id} aria-labelledby="record-title">
      {back && <p class="back"><a href={hrefOf(back)}>← 返回列表</a></p>}
      <ViewTitle id="record-title">{kind.form.label.zh}{title && ` · ${title}`}{route.part === 'history' ? ' · 修改记录' : route.part === 'edit' ? ' · 修改' : ''}</ViewTitle>
      {loaded.state.status === 'loading' && <Loading what="记录" />}
      {loaded.state.status === 'error' && (
        <>
          <Trouble error={loaded.state.error} retry={loaded.reload} />
          {!back && <p><a href="#/">返回工作台</a></p>}
        </>
      )}
      {record && (
        <>
          <RecordSummary kind={kind} record={record} />
          {notice && <p class="notice ok" role="status">{notice}</p>}
          {kept && route.part !== 'edit' && <LazyCorrectionKept kind={kind} record={record} onEdit={() => go('edit')} onNewer={update}
            onSent={() => { setKept(hasUnsentCorrection(localStorage, person.value.sub, route.id)); loaded.reload(); }} />}
          {sentBack && mayCorrect && !kept && route.part !== 'edit' && (
            <p class="notice fix-it" data-fix-it>
              {record.review?.state === 'rejected' ? '此记录已被退回' : '此记录被标记为有问题'}，请按审核意见修改。
              <a class="button primary" href={hrefOf({ ...route, part: 'edit' })}>修改后重新提交</a>
            </p>
          )}
          <nav class="record-parts actions" aria-label="记录">
            <a href={hrefOf({ ...route, part: 'detail' })} aria-current={route.part === 'detail' ? 'page' : undefined}>详情</a>
            <a href={hrefOf({ ...route, part: 'history' })} aria-current={route.part === 'history' ? 'page' : undefined}>修改记录</a>
            {mayCorrect &&
              <a href={hrefOf({ ...route, part: 'edit' })} aria-current={route.part === 'edit' ? 'page' : undefined}>修改</a>}
            {record.status !== 'withdrawn' && person.value.role && mayWithdrawRecord(person.value.role, record) && <button type="button" class="danger" onClick={() => setWithdrawing(true)}>撤回</button>}
          </nav>
          {route.part === 'detail' && (
            <>
              {/* Corrected after a return (重新提交): what changed is read before deciding again. */}
              {record.review?.state === 'received' && record.version > 2 && <LazyResubmitted kind={kind} record={record} />}
              {record.status !== 'withdrawn' && mayReview.value && <ReviewPanel kind={kind} record={record} onDone={update} />}
              {record.status !== 'withdrawn' && <StatusPanel kind={kind} record={record} onDone={update} />}
              {kind.name === 'problem' && record.status !== 'withdrawn' && <AcceptancePanel kind={kind} record={record} onDone={update} />}
              <section aria-label="记录内容" class="card">
                <Fields nodes={recordTree(kind, record, names.value)} skip={['status', 'review.state', 'review.comment', 'overdue', 'duplicateOf', 'attachments', 'acceptance']} />
              </section>
              {'attachments' in kind.form.fields && <LazyEvidenceSection record={record} />}
            </>
          )}
          {route.part === 'history' && <LazyHistoryView kind={kind} id={record.id} version={record.version} />}
          {route.part === 'edit' && record.status !== 'withdrawn' && (
            <LazyCorrectView kind={kind} record={record} onCancel={() => go('detail')}
              onQueued={() => { setKept(true); go('detail'); }}
              onDone={(next) => { update(next); setKept(hasUnsentCorrection(localStorage, person.value.sub, route.id)); setNotice(`已修改，记录现为第 ${next.version} 版。`); go('detail'); }} />
          )}
          {withdrawing && <LazyWithdrawDialog kind={kind} record={record} onClose={() => setWithdrawing(false)}
            onDone={(next) => { update(next); if (next.status === 'withdrawn') setNotice(`已撤回，记录现为第 ${next.version} 版。`); }} />}
        </>
      )}
    </article>
  );
}

// Loaded when first asked for (with the heads' pages, `on-demand.tsx`): the correction form is the
// forms page's generated form, few open the withdrawal or the trail, and a list (the first view) shows
// no evidence: the first view need not carry them.
const parts = () => import('./on-demand.tsx');
const LazyCorrectView = lazyPart(() => parts().then((m) => m.CorrectView), '表单');
const LazyWithdrawDialog = lazyPart(() => parts().then((m) => m.WithdrawDialog), '撤回确认');
const LazyHistoryView = lazyPart(() => parts().then((m) => m.HistoryView), '修改记录');
const LazyEvidenceSection = lazyPart(() => parts().then((m) => m.EvidenceSection), '佐证材料');
const LazyCorrectionKept = lazyPart(() => parts().then((m) => m.CorrectionKept), '本机保存的修改');
const LazyResubmitted = lazyPart(() => parts().then((m) => m.ResubmittedSection), '修改情况');

/** What a record is at a glance: its status, review (with the comment), light, where and whose, versions. */
function RecordSummary({ kind, record }: { kind: NonNullable<ReturnType<typeof kindNamed>>; record: StoredRecord }) {
  const statuses = kind.form.statuses.labels as Record<string, string>;
  const review = record.review ?? { state: 'received' };
  const state = reviewStateOf(record);
  // A problem's light reads its deadline as answered (a record of any other kind has none).
  const problem = kind.name === 'problem' && typeof record.deadline === 'string' ? { status: record.status, deadline: record.deadline } : undefined;
  const light = problem ? lightOf(problem, beijingDate()) : undefined;
  const original = typeof record.duplicateOf === 'string' ? record.duplicateOf : undefined;
  return (
    <section class="card summary" aria-label="状态">
      <p class="badges">
        <Badge tone={record.status === 'withdrawn' ? 'withdrawn' : 'status'}>{record.status === 'withdrawn' ? '已撤回' : statuses[record.status] ?? record.status}</Badge>
        <Badge tone={`review-${state}`}>{REVIEW_STATES[state]}</Badge>
        {problem && light && <Badge tone={`light-${light}`}>{LIGHTS[light].name} {LIGHTS[light].meaning}{light !== 'grey' ? ` · ${timeLeftText(problem, beijingDate())}` : ''}</Badge>}
        {original && <Badge tone="duplicate">疑似重复</Badge>}
      </p>
      <dl class="fields compact">
        <dt>审核状态</dt><dd data-review-state={state}>{REVIEW_STATES[state]}{review.at ? `（${beijingDateTime(review.at)}）` : ''}</dd>
        {review.comment && <><dt>审核意见</dt><dd data-review-comment>{review.comment}</dd></>}
        {original && <><dt>疑似重复于</dt><dd><a href={hrefOf({ view: 'record', kind: 'visits', id: original, part: 'detail' })}>查看可能重复的走访记录</a></dd></>}
        <dt>所在地区</dt><dd>{findRegion(kind.regionOf(record))?.name ?? '—'}</dd>
        <dt>组织部长</dt><dd>{names.value.minister(record.ministerId)}</dd>
        <dt>版本</dt><dd data-version={record.version}>第 {record.version} 版 · 收到 {beijingDateTime(record.createdAt)} · 最后修改 {beijingDateTime(record.updatedAt)}</dd>
      </dl>
    </section>
  );
}
