import { useState } from 'preact/hooks';
import { REVIEW, REVIEW_STATES, reviewPatchSchema, reviewStateOf } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { describeIssue } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { announce } from '../../shell.ts';
import { send, type StoredRecord } from '../data.ts';
import { REVIEW_ACTIONS, type ReviewMove } from '../words.ts';
import { ChangedMeanwhile, decideAgain, type Stale } from './changed.tsx';
import { LengthCount, troubleText } from './common.tsx';

/**
 * Review in place (staff and admins): 通过, 标记有问题 or 退回, with 审核意见 required for the last
 * two, by the API's own schema (`reviewPatchSchema`) and moves (`REVIEW`). A stale version (412)
 * shows what changed meanwhile and lets the person decide again.
 */
export function ReviewPanel({ kind, record, onDone, labels = REVIEW_ACTIONS, idPrefix = 'review', hint = '标记有问题或退回时必填' }: {
  kind: Kind;
  record: StoredRecord;
  onDone: (record: StoredRecord) => void;
  /** The buttons' words (a suspected duplicate says 确认为不同走访 / 确认为重复). */
  labels?: Partial<Record<ReviewMove, string>>;
  idPrefix?: string;
  /** When a comment is required, in the buttons' words. */
  hint?: string;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [stale, setStale] = useState<Stale>();
  const [busy, setBusy] = useState(false);
  const state = reviewStateOf(record);
  const moves = (REVIEW.moves[state] as readonly ReviewMove[]).filter((m) => m in labels);
  const commentId = `${idPrefix}-comment-${record.id}`;

  async function decide(move: ReviewMove) {
    setDone(undefined);
    const body = { state: move, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const checked = reviewPatchSchema().safeParse(body, { reportInput: true });
    if (!checked.success) {
      const message = fieldIssues(checked.error).map(({ issue }) => describeIssue(issue, 'zh')).join('；');
      setError(message);
      announce(`审核意见：${message}`);
      document.getElementById(commentId)?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await send<StoredRecord>(`/${kind.form.path}/${record.id}/review`, { method: 'PATCH', body, version: record.version });
      if (answer.ok) {
        setStale(undefined);
        setComment('');
        const text = `已${labels[move]}：审核状态为“${REVIEW_STATES[move]}”，记录现为第 ${answer.value.version} 版。`;
        setDone(text);
        announce(text);
        onDone(answer.value);
      } else if (answer.status === 412) {
        await decideAgain(kind, record, setStale, onDone);
      } else if (answer.status === 422) {
        const message = answer.problem.errors?.map((e) => e.message).join('；') ?? answer.problem.title;
        setError(message);
        announce(message);
      } else {
        setError(answer.problem.detail ?? answer.problem.title);
        announce(answer.problem.detail ?? answer.problem.title);
      }
    } catch (e) {
      setError(troubleText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel review-panel" aria-labelledby={`${idPrefix}-title-${record.id}`} data-review-panel>
      <h3 id={`${idPrefix}-title-${record.id}`}>审核</h3>
      {stale && <ChangedMeanwhile stale={stale} />}
      {done && <p class="notice ok" role="status" data-review-done>{done}</p>}
      {moves.length === 0 ? <p class="hint">当前审核状态为“{REVIEW_STATES[state]}”，没有可做的审核。</p> : (
        <>
          <div class="field">
            <label for={commentId}>审核意见<span class="optional">（{hint}）</span></label>
            <textarea id={commentId} rows={3} value={comment} aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${commentId}-error ${commentId}-count`} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            <LengthCount id={`${commentId}-count`} text={comment} max={1000} />
            <div class="error-text" id={`${commentId}-error`}>{error}</div>
          </div>
          <div class="actions">
            {moves.map((move) => (
              <button type="button" key={move} class={move === 'approved' ? 'primary' : undefined} disabled={busy} data-move={move} onClick={() => void decide(move)}>{labels[move]}</button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
