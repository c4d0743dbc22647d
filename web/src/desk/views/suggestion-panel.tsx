import { useState } from 'preact/hooks';
import { SUGGESTION, SUGGESTION_CHANNELS } from '#schemas/kinds/visit.ts';
import { suggestionPatchSchema } from '#schemas/suggestions.ts';
import { describeIssue } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { announce } from '../../shell.ts';
import { getRecord, send, type StoredRecord } from '../data.ts';
import type { SuggestionItem } from '../lists.ts';
import { EMPTY } from '../words.ts';
import { LengthCount, troubleText } from './common.tsx';

type Status = SuggestionItem['status'];

/**
 * A suggestion moved on in place (待答复 → 当场答复 / 已解决, 当场答复 → 已解决) with 答复或解决情况,
 * by the API's schema and moves; `PATCH /suggestions/{id}` carries its visit's version as If-Match.
 * A 412 (the visit changed meanwhile) reads the visit again and shows what became of the suggestion.
 */
export function SuggestionPanel({ item, onDone }: { item: SuggestionItem; onDone: (visit: StoredRecord) => void }) {
  const moves = SUGGESTION.moves[item.status] as readonly Status[];
  const [target, setTarget] = useState<Status | undefined>(moves.length === 1 ? moves[0] : undefined);
  const [response, setResponse] = useState(item.response ?? '');
  const [error, setError] = useState<string>();
  const [stale, setStale] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const id = `suggestion-${item.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (!target) {
      setError('请选择办理情况');
      return;
    }
    const body = { status: target, ...(response.trim() && response.trim() !== item.response ? { response: response.trim() } : {}) };
    const checked = suggestionPatchSchema.safeParse(body, { reportInput: true });
    if (!checked.success) {
      setError(fieldIssues(checked.error).map(({ issue }) => describeIssue(issue, 'zh')).join('；'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await send<StoredRecord>(`/suggestions/${item.id}`, { method: 'PATCH', body, version: item.visit.version });
      if (answer.ok) {
        announce(`已改为“${SUGGESTION.labels[target]}”`);
        onDone(answer.value);
      } else if (answer.status === 412) {
        const visit = await getRecord('visits', item.visit.id);
        if (!visit.ok) throw new Error(visit.problem.detail ?? visit.problem.title);
        const now = (visit.value.suggestions as SuggestionItem[]).find((s) => s.id === item.id);
        const lines = [
          now?.status !== item.status && `办理情况：${SUGGESTION.labels[item.status]} → ${now ? SUGGESTION.labels[now.status] : EMPTY}`,
          (now?.response ?? '') !== (item.response ?? '') && `答复或解决情况：${item.response || EMPTY} → ${now?.response || EMPTY}`,
        ].filter((l): l is string => !!l);
        setStale(lines);
        announce('该走访记录已被他人修改，请查看变化后重新决定');
        onDone(visit.value);
      } else {
        setError(answer.problem.errors?.map((e) => e.message).join('；') ?? answer.problem.detail ?? answer.problem.title);
      }
    } catch (e) {
      setError(troubleText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel suggestion-panel" onSubmit={(e) => void submit(e)} noValidate aria-label="办理意见建议" data-suggestion-panel>
      <p class="hint">{SUGGESTION_CHANNELS[item.channel as keyof typeof SUGGESTION_CHANNELS]}：{item.text}</p>
      {stale && (
        <div class="notice warn" role="alert">
          <p><strong>在您处理期间，该走访记录已被他人修改。</strong>{stale.length ? '这条意见建议的变化：' : '这条意见建议没有变化。'}</p>
          {stale.length > 0 && <ul>{stale.map((l) => <li key={l}>{l}</li>)}</ul>}
        </div>
      )}
      {moves.length === 0 ? <p>已解决，不能再改。</p> : (
        <>
          <fieldset class="field">
            <legend>办理情况：当前为“{SUGGESTION.labels[item.status]}”，改为</legend>
            <div class="choices">
              {moves.map((s) => <label key={s}><input type="radio" name={`${id}-status`} value={s} checked={target === s} onChange={() => setTarget(s)} />{SUGGESTION.labels[s]}</label>)}
            </div>
          </fieldset>
          <div class="field">
            <label for={`${id}-response`}>答复或解决情况</label>
            <textarea id={`${id}-response`} rows={3} value={response} aria-describedby={`${id}-error ${id}-response-count`} onInput={(e) => setResponse((e.target as HTMLTextAreaElement).value)} />
            <LengthCount id={`${id}-response-count`} text={response} max={2000} />
          </div>
          <div class="error-text" id={`${id}-error`} role="alert">{error}</div>
          <div class="actions"><button type="submit" class="primary" disabled={busy}>确认</button></div>
        </>
      )}
    </form>
  );
}
