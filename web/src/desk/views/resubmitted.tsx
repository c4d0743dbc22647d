import type { AttachmentView } from '#schemas/attachment.ts';
import type { Kind } from '#schemas/kind.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { ApiError } from '../../api.ts';
import { getAll, send, type StoredRecord } from '../data.ts';
import type { Change } from '../diff.ts';
import { resubmissionOf } from '../resubmission.ts';
import { names } from '../state.ts';
import { Differences } from './changed.tsx';
import { Loading, Trouble, useLoad } from './common.tsx';
import { Attachment } from './evidence.tsx';

const DECISIONS = { rejected: '退回', has_issues: '标记为有问题' } as const;

/**
 * 重新提交: a record awaiting review again because its head corrected it after it was returned or
 * flagged. Says so, with the decision and its comment, and shows what changed since: the fields
 * (before → after) and the files, those added marked 新增 and those removed listed. Nothing is
 * shown for a record not so corrected.
 */
export function ResubmittedSection({ kind, record }: { kind: Kind; record: StoredRecord }) {
  const loaded = useLoad(async () => {
    const trail = await getAll<Change>(`/${kind.form.path}/${record.id}/history`, new URLSearchParams());
    const found = resubmissionOf(kind, trail, names.value);
    if (!found) return undefined;
    const added = await Promise.all(found.files.added.map(async (ref) => {
      const answer = await send<AttachmentView>(`/attachments/${ref.id}`);
      if (!answer.ok) throw new ApiError(answer.problem);
      return { ref, item: answer.value };
    }));
    return { ...found, added };
  }, [record.id, record.version]);
  if (loaded.state.status === 'loading') return <Loading what="修改情况" />;
  if (loaded.state.status === 'error') return <Trouble error={loaded.state.error} retry={loaded.reload} />;
  const found = loaded.state.value;
  if (!found) return null;
  const { decision } = found;
  const who = decision.byName ?? names.value.person(decision.by);
  const removed = found.files.removed;
  return (
    <section class="card resubmitted" aria-labelledby="resubmitted-title" data-resubmitted>
      <h3 id="resubmitted-title"><span class="badge review-received">重新提交</span> {DECISIONS[decision.state]}后已修改</h3>
      <p data-decision={decision.state}>第 {decision.version} 版由{who}于 {beijingDateTime(decision.at)} {DECISIONS[decision.state]}
        {decision.comment ? <>，意见：“<span data-decision-comment>{decision.comment}</span>”</> : ''}；之后修改 {found.corrections.length} 次（第 {found.corrections.join('、')} 版）。</p>
      <h4>修改的内容</h4>
      {found.differences.length ? <Differences list={found.differences} /> : <p class="hint">内容没有变化。</p>}
      {(found.added.length > 0 || removed.length > 0) && <h4>佐证材料的变化</h4>}
      {found.added.length > 0 && (
        <ul class="evidence-grid" aria-label="新增的佐证材料" data-added-files>
          {found.added.map(({ ref, item }, i) => <Attachment key={item.id} item={item} caption={ref.caption} index={i} fresh />)}
        </ul>
      )}
      {removed.length > 0 && (
        <p data-removed-files>已移除 {removed.length} 个：{removed.map((ref, i) => ref.caption ?? `佐证材料 ${i + 1}`).join('、')}</p>
      )}
    </section>
  );
}
