import { useEffect, useRef, useState } from 'preact/hooks';
import { isConfirmedDuplicate } from '#schemas/duplicate.ts';
import type { Kind } from '#schemas/kind.ts';
import { describeIssue } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { announce } from '../../shell.ts';
import { send, type StoredRecord } from '../data.ts';
import { ChangedMeanwhile, type Stale, whatChanged } from './changed.tsx';
import { troubleText } from './common.tsx';
import { DUPLICATE_ACTIONS } from '../words.ts';

/** The longest a visit's notes may be (its schema's bound): the reason is appended within it. */
const NOTES_MAX = 4000;

/**
 * Withdrawal (staff and admins; whoever reports for a head, of a visit confirmed as a duplicate),
 * after a confirmation. `DELETE /{kind}/{id}` takes no body, so the reason is kept where the kind has
 * a place for it: a visit's notes (备注), corrected first with the reason appended, then withdrawn on
 * that version; both steps stay in the change trail. Kinds without notes keep no reason: the dialog
 * says so and asks for the confirmation alone. So does a confirmed duplicate, whose reason is its
 * review already: a correction would send it back to review as a suspected duplicate again.
 */
export function WithdrawDialog({ kind, record, onClose, onDone }: { kind: Kind; record: StoredRecord; onClose: () => void; onDone: (record: StoredRecord) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [stale, setStale] = useState<Stale>();
  const [busy, setBusy] = useState(false);
  const [seen, setSeen] = useState(record);
  const duplicate = isConfirmedDuplicate(record);
  const hasNotes = 'notes' in kind.form.fields && !duplicate;

  useEffect(() => {
    const el = dialog.current!;
    // Safari before 15.4 has no modal dialogs: there it opens in place, its reason field focused.
    if (typeof el.showModal === 'function') { if (!el.open) el.showModal(); } else { el.setAttribute('open', ''); el.querySelector<HTMLElement>('textarea, button')?.focus(); }
    const close = () => onClose();
    el.addEventListener('close', close);
    return () => el.removeEventListener('close', close);
  }, []);

  async function confirm(event: Event) {
    event.preventDefault();
    setError(undefined);
    let version = seen.version;
    setBusy(true);
    try {
      if (hasNotes) {
        if (!reason.trim()) {
          setError('请填写撤回原因');
          document.getElementById('withdraw-reason')?.focus();
          return;
        }
        const notes = [typeof seen.notes === 'string' ? seen.notes : '', `撤回原因：${reason.trim()}`].filter(Boolean).join('\n');
        const patch = { notes };
        const checked = kind.form.schemas.patch.safeParse(patch, { reportInput: true });
        if (!checked.success || notes.length > NOTES_MAX) {
          setError(checked.success ? `备注加上撤回原因不能超过 ${NOTES_MAX} 个字` : fieldIssues(checked.error).map(({ issue }) => describeIssue(issue, 'zh')).join('；'));
          return;
        }
        const noted = await send<StoredRecord>(`/${kind.form.path}/${seen.id}`, { method: 'PATCH', body: patch, version });
        if (!noted.ok) return await refused(noted.status, noted.problem.detail ?? noted.problem.title);
        version = noted.value.version;
      }
      const withdrawn = await send<StoredRecord>(`/${kind.form.path}/${seen.id}`, { method: 'DELETE', version });
      if (!withdrawn.ok) return await refused(withdrawn.status, withdrawn.problem.detail ?? withdrawn.problem.title);
      announce(`已撤回，记录现为第 ${withdrawn.value.version} 版`);
      onDone(withdrawn.value);
      if (typeof dialog.current?.close === 'function') dialog.current.close(); else onClose();
    } catch (e) {
      setError(troubleText(e));
    } finally {
      setBusy(false);
    }
  }

  async function refused(status: number, message: string) {
    if (status === 412) {
      const changed = await whatChanged(kind, seen);
      setStale(changed);
      setSeen(changed.current);
      onDone(changed.current);
      announce('该记录已被他人修改，请查看变化后再决定是否撤回');
    } else {
      setError(message);
      announce(message);
    }
  }

  return (
    <dialog ref={dialog} class="withdraw-dialog" aria-labelledby="withdraw-title" aria-describedby="withdraw-what">
      <form method="dialog" onSubmit={(e) => void confirm(e)} noValidate>
        <h2 id="withdraw-title">撤回{kind.form.label.zh}？</h2>
        <p id="withdraw-what">{kind.presentation.title(seen)}：撤回后记录仍可查看，但不再计入统计，也不能再修改或审核。</p>
        {stale && <ChangedMeanwhile stale={stale} />}
        {duplicate ? <p class="hint" data-duplicate>已{DUPLICATE_ACTIONS.duplicate}：撤回原因即审核意见（{seen.review.comment ?? DUPLICATE_ACTIONS.duplicate}），修改记录会留下撤回人和时间。</p> : hasNotes ? (
          <div class="field">
            <label for="withdraw-reason">撤回原因<span class="optional">（将写入备注，并留在修改记录中）</span></label>
            <textarea id="withdraw-reason" rows={3} value={reason} aria-invalid={error ? 'true' : undefined} aria-describedby="withdraw-error"
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </div>
        ) : <p class="hint">此类记录没有备注栏，撤回原因无法随记录保存；修改记录会留下撤回人和时间。</p>}
        <div class="error-text" id="withdraw-error" role="alert">{error}</div>
        <div class="actions">
          <button type="submit" class="danger" disabled={busy}>确认撤回</button>
          <button type="button" onClick={() => (typeof dialog.current?.close === 'function' ? dialog.current.close() : onClose())}>取消</button>
        </div>
      </form>
    </dialog>
  );
}
