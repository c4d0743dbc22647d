import { REVIEW_STATES, reviewStateOf, type ReviewState } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate } from '#schemas/time.ts';
import { ROLES } from '#schemas/access.ts';
import { ApiError } from '../../api.ts';
import { getAll, send, type StoredRecord } from '../data.ts';
import { countLights, LIGHT_ORDER, LIGHTS } from '../lights.ts';
import { recordQuery } from '../lists.ts';
import { hrefOf } from '../route.ts';
import { mayReview, person, top } from '../state.ts';
import { OWN_QUEUE_NAME, VIEW_NAMES } from '../words.ts';
import { Loading, Trouble, useLoad, ViewTitle } from './common.tsx';
import { ToDoSection } from './to-do.tsx';

interface Counts {
  /** Staff: records awaiting review, by kind; a head: their own records, by kind and review state. */
  byKind: Map<Kind, Record<ReviewState, number>>;
  duplicates: number;
  lights: ReturnType<typeof countLights>;
  pendingSuggestions: number;
  /** A prefecture's staff: its counties' rectified problems waiting for their 验收. */
  acceptanceWaiting?: number;
}

const zero = (): Record<ReviewState, number> => ({ received: 0, approved: 0, has_issues: 0, rejected: 0 });

/**
 * The desk's first view: what waits for the person. Staff and admins: how many records of each kind
 * await review, suspected duplicates, the problem ledger's lights and the suggestions waiting for
 * an answer. A head (or their staff) lands on 我的填报 instead (views/mine.tsx; the desk shows it
 * for `#/`), so the branches for them below are no longer reached from the desk's navigation.
 */
/** What `GET /work-counts` answers (schemas/work-lists.ts): each work list's count, read from the list itself. */
interface WorkCounts {
  awaitingReview: Record<string, number>;
  suspectedDuplicates: number;
  pendingSuggestions: number;
  problems: ReturnType<typeof countLights> & { waiting: number };
}

/** Staff: the counts of their region's work lists, in one small answer however long the history. */
async function staffCounts(region: string): Promise<Counts> {
  const answer = await send<WorkCounts>(`/work-counts?region=${region}`);
  if (!answer.ok) throw new ApiError(answer.problem);
  const counts = answer.value;
  return {
    byKind: new Map(KINDS.map((kind) => [kind, { ...zero(), received: counts.awaitingReview[kind.form.path] ?? 0 }])),
    duplicates: counts.suspectedDuplicates,
    lights: counts.problems,
    pendingSuggestions: counts.pendingSuggestions,
    // A prefecture's staff accept every problem of its counties (acceptingRegionOf); the province's have none of a county's.
    ...(findRegion(region)?.level === 'prefecture' && person.value.role === 'staff' ? { acceptanceWaiting: counts.problems.waiting } : {}),
  };
}

export function HomeView() {
  const staff = mayReview.value;
  const loaded = useLoad(async (): Promise<Counts> => {
    if (staff) return staffCounts(top.value);
    const review = '';
    const [lists, duplicates, problems, suggestions] = await Promise.all([
      Promise.all(KINDS.map(async (kind) => [kind, await getAll<StoredRecord>(`/${kind.form.path}`, recordQuery({}, review))] as const)),
      getAll<StoredRecord>('/visits', new URLSearchParams({ suspectedDuplicates: 'true', limit: '500' })),
      getAll<StoredRecord & { deadline: string }>('/problems', new URLSearchParams({ limit: '500' })),
      getAll('/suggestions', new URLSearchParams({ status: 'pending', limit: '500' })),
    ]);
    const byKind = new Map(lists.map(([kind, records]) => {
      const counts = zero();
      for (const r of records) if (r.status !== 'withdrawn') counts[reviewStateOf(r)] += 1;
      return [kind, counts];
    }));
    return { byKind, duplicates: duplicates.length, lights: countLights(problems, beijingDate()), pendingSuggestions: suggestions.length };
  }, [staff, top.value]);

  const region = findRegion(top.value)?.name ?? '';
  return (
    <section aria-labelledby="home-title" class="home" data-view="home">
      <ViewTitle id="home-title">工作台<small>{region} · {person.value.role ? ROLES[person.value.role] : ''}</small></ViewTitle>
      {!staff && <p class="hint">您以填报人身份登录：这里是本人（所属部长）的记录，可查看审核意见、修改和办理；审核由组织部门工作人员进行。</p>}
      {loaded.state.status === 'loading' && <Loading what="待办数量" />}
      {loaded.state.status === 'error' && <Trouble error={loaded.state.error} retry={loaded.reload} />}
      {loaded.state.status === 'ok' && <HomeCounts counts={loaded.state.value} staff={staff} />}
    </section>
  );
}

function HomeCounts({ counts, staff }: { counts: Counts; staff: boolean }) {
  const total = (state: ReviewState) => [...counts.byKind.values()].reduce((sum, c) => sum + c[state], 0);
  const tile = (href: string, count: number, name: string, data: Record<string, string>, tone = '') => (
    <li><a class={`tile ${tone}`} href={href} {...data}><strong class="count">{count.toLocaleString('zh-CN')}</strong><span>{name}</span></a></li>
  );
  const awaiting = total('received');
  return (
    <>
      {staff && <ToDoSection known={{ awaitingReview: awaiting, acceptanceWaiting: counts.acceptanceWaiting, red: counts.lights.red, yellow: counts.lights.yellow, pendingSuggestions: counts.pendingSuggestions }} />}
      {!staff && (
        <section class="card" aria-labelledby="own-title">
          <h3 id="own-title">{OWN_QUEUE_NAME}</h3>
          <ul class="tiles">
            {(['rejected', 'has_issues', 'received', 'approved'] as const).map((state) =>
              tile(hrefOf({ view: 'queue', filters: state === 'received' ? {} : { review: state } }), total(state), REVIEW_STATES[state], { 'data-review-count': state },
                (state === 'rejected' || state === 'has_issues') && total(state) > 0 ? 'attention' : ''))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="queue-title">
        <h3 id="queue-title">{staff ? VIEW_NAMES.queue : `${OWN_QUEUE_NAME}：${REVIEW_STATES.received}`}<small>共 {awaiting.toLocaleString('zh-CN')} 条</small></h3>
        <ul class="tiles">
          {[...counts.byKind].map(([kind, c]) => tile(hrefOf({ view: 'queue', filters: { kind: kind.form.path } }), c.received, kind.form.label.zh, { 'data-kind-count': kind.form.path }))}
        </ul>
      </section>
      <section class="card" aria-labelledby="dup-title">
        <h3 id="dup-title">{VIEW_NAMES.duplicates}</h3>
        <ul class="tiles">{tile(hrefOf({ view: 'duplicates' }), counts.duplicates, '条待确认', { 'data-duplicates-count': '' }, counts.duplicates ? 'attention' : '')}</ul>
      </section>
      <section class="card" aria-labelledby="ledger-title">
        <h3 id="ledger-title">{VIEW_NAMES.problems}</h3>
        <ul class="tiles">
          {LIGHT_ORDER.map((l) => tile(hrefOf({ view: 'problems', filters: { light: l } }), counts.lights[l], `${LIGHTS[l].name} ${LIGHTS[l].meaning}`, { 'data-light-count': l }, `light-tile light-${l}`))}
        </ul>
      </section>
      <section class="card" aria-labelledby="suggestions-title">
        <h3 id="suggestions-title">{VIEW_NAMES.suggestions}</h3>
        <ul class="tiles">{tile(hrefOf({ view: 'suggestions', filters: { status: 'pending' } }), counts.pendingSuggestions, '条待答复', { 'data-pending-count': '' }, counts.pendingSuggestions ? 'attention' : '')}</ul>
      </section>
    </>
  );
}
