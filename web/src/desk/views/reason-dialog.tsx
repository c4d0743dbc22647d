import { useEffect, useRef, useState } from 'preact/hooks';
import { LengthCount } from './common.tsx';

/** The longest reason the API keeps (schemas/months.ts, `monthActionBodySchema`). */
export const REASON_MAX = 500;

/**
 * A step that carries a reason (退回 · 确认 · 重新打开 a month), asked in a modal dialog before it is
 * taken: the reason is kept in the trail, so it is asked for, not guessed. `confirm` answers the
 * refusal to show, or nothing when the step was taken (the dialog then closes).
 */
export function ReasonDialog({ title, what, label, required, confirmText, onConfirm, onClose }: {
  title: string;
  what: string;
  label: string;
  required: boolean;
  confirmText: string;
  onConfirm: (reason: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const el = dialog.current!;
    // Safari before 15.4 has no modal dialogs: there it opens in place, its reason field focused.
    if (typeof el.showModal === 'function') { if (!el.open) el.showModal(); } else { el.setAttribute('open', ''); el.querySelector<HTMLElement>('textarea')?.focus(); }
    const close = () => onClose();
    el.addEventListener('close', close);
    return () => el.removeEventListener('close', close);
  }, []);
  const close = () => (typeof dialog.current?.close === 'function' ? dialog.current.close() : onClose());

  async function submit(event: Event) {
    event.preventDefault();
    const text = reason.trim();
    if (required && !text) return refuse(`请填写${label}`);
    if (text.length > REASON_MAX) return refuse(`${label}不能超过 ${REASON_MAX} 个字`);
    setBusy(true);
    try {
      const refused = await onConfirm(text);
      if (refused) setError(refused);
      else close();
    } finally {
      setBusy(false);
    }
  }
  function refuse(message: string) {
    setError(message);
    document.getElementById('reason-text')?.focus();
  }

  return (
    <dialog ref={dialog} class="reason-dialog" aria-labelledby="reason-title" aria-describedby="reason-what">
      <form method="dialog" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="reason-title">{title}</h2>
        <p id="reason-what">{what}</p>
        <div class="field">
          <label for="reason-text">{label}{!required && <span class="optional">（选填）</span>}</label>
          <textarea id="reason-text" rows={3} value={reason} aria-invalid={error ? 'true' : undefined} aria-describedby="reason-error reason-count"
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          <LengthCount id="reason-count" text={reason} max={REASON_MAX} />
        </div>
        <div class="error-text" id="reason-error" role="alert">{error}</div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} data-confirm>{confirmText}</button>
          <button type="button" onClick={close}>取消</button>
        </div>
      </form>
    </dialog>
  );
}
