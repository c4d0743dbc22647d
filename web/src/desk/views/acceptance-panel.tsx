import { useState } from 'preact/hooks';
import { ACCEPTANCE_STATES, type AcceptanceState, acceptanceDecisionSchema, acceptanceStateOf, acceptingRegionOf } from '#schemas/acceptance.ts';
import type { Kind } from '#schemas/kind.ts';
import { describeIssue } from '#schemas/messages.ts';
import { findRegion } from '#schemas/regions.ts';
import { beijingDateTime } from '#schemas/time.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { announce } from '../../shell.ts';
import { send, type StoredRecord } from '../data.ts';
import { person } from '../state.ts';
import { ChangedMeanwhile, decideAgain, type Stale } from './changed.tsx';
import { LengthCount, troubleText } from './common.tsx';

type Decision = 'accepted' | 'returned';
const ACTIONS: Record<Decision, string> = { accepted: '验收销号', returned: '退回整改' };

interface Acceptance { state: AcceptanceState; by?: string; at?: string; reason?: string }
/** A problem's acceptance as answered (none before it was first rectified). */
export const acceptanceOf = (record: StoredRecord): Acceptance | undefined =>
  (typeof record.acceptance === 'object' && record.acceptance !== null && 'state' in record.acceptance ? record.acceptance as Acceptance : undefined);

/**
 * 验收销号 of a rectified problem, on its record: the staff of the level above its county (and
 * admins) 销号 it or return it to 整改中 with a reason (the API's own schema checks it); everyone
 * else reads where it stands, and who accepts it. A problem being rectified again after a return
 * shows why it was returned. A stale version (412) shows what changed meanwhile.
 */
export function AcceptancePanel({ kind, record, onDone }: { kind: Kind; record: StoredRecord; onDone: (record: StoredRecord) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [stale, setStale] = useState<Stale>();
  const [busy, setBusy] = useState(false);
  const acceptance = acceptanceOf(record);
  const stands = acceptanceStateOf({ status: record.status, acceptance });
  if (!stands && acceptance?.state !== 'returned' && !done) return null;
  const region = kind.regionOf(record);
  const accepting = acceptingRegionOf(region);
  const { role, region: own } = person.value;
  const mayDecide = role === 'admin' || (role === 'staff' && own === accepting);
  const decisions: Decision[] = !mayDecide ? [] : stands === 'waiting' ? ['accepted', 'returned'] : stands === 'accepted' ? ['returned'] : [];
  const reasonId = `acceptance-reason-${record.id}`;

  async function decide(state: Decision) {
    setDone(undefined);
    const body = { state, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    const checked = acceptanceDecisionSchema().safeParse(body, { reportInput: true });
    if (!checked.success) {
      const message = fieldIssues(checked.error).map(({ issue }) => describeIssue(issue, 'zh')).join('；');
      setError(message);
      announce(`退回理由：${message}`);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await send<StoredRecord>(`/${kind.form.path}/${record.id}/acceptance`, { method: 'POST', body, version: record.version });
      if (answer.ok) {
        setStale(undefined);
        setReason('');
        const text = state === 'accepted'
          ? `已验收销号，问题现为第 ${answer.value.version} 版。`
          : `已退回整改，问题回到“整改中”，现为第 ${answer.value.version} 版。`;
        setDone(text);
        announce(text);
        onDone(answer.value);
      } else if (answer.status === 412) {
        await decideAgain(kind, record, setStale, onDone);
      } else {
        const message = answer.problem.errors?.map((e) => e.message).join('；') ?? answer.problem.detail ?? answer.problem.title;
        setError(message);
        announce(message);
      }
    } catch (e) {
      setError(troubleText(e));
    } finally {
      setBusy(false);
    }
  }

  const shown = stands ?? acceptance?.state;
  return (
    <section class="panel acceptance-panel" aria-labelledby={`acceptance-title-${record.id}`} data-acceptance-panel data-acceptance={shown}>
      <h3 id={`acceptance-title-${record.id}`}>验收销号</h3>
      {stale && <ChangedMeanwhile stale={stale} />}
      {done && <p class="notice ok" role="status" data-acceptance-done>{done}</p>}
      <dl class="fields compact">
        <dt>验收状态</dt><dd data-acceptance-state={shown}>{shown ? ACCEPTANCE_STATES[shown] : '—'}{acceptance?.at && shown !== 'waiting' ? `（${beijingDateTime(acceptance.at)}）` : ''}</dd>
        <dt>验收单位</dt><dd>{findRegion(accepting)?.name}组织部</dd>
        {acceptance?.state === 'returned' && acceptance.reason && <><dt>退回理由</dt><dd data-acceptance-reason>{acceptance.reason}</dd></>}
      </dl>
      {stands === 'waiting' && !mayDecide && <p class="hint">整改完成情况待{findRegion(accepting)?.name}组织部验收。</p>}
      {decisions.length > 0 && (
        <>
          <div class="field">
            <label for={reasonId}>退回理由<span class="optional">（退回整改时必填）</span></label>
            <textarea id={reasonId} rows={3} value={reason} aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${reasonId}-error ${reasonId}-count`} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
            <LengthCount id={`${reasonId}-count`} text={reason} max={1000} />
            <div class="error-text" id={`${reasonId}-error`}>{error}</div>
          </div>
          <div class="actions">
            {decisions.map((d) => (
              <button type="button" key={d} class={d === 'accepted' ? 'primary' : undefined} disabled={busy} data-acceptance-move={d} onClick={() => void decide(d)}>{ACTIONS[d]}</button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
