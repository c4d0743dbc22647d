import { useState } from 'preact/hooks';
import type { Kind } from '#schemas/kind.ts';
import { beijingDate } from '#schemas/time.ts';
import { fieldsOf } from '../../forms/model.ts';
import { announce } from '../../shell.ts';
import { send, type StoredRecord } from '../data.ts';
import { labelOf } from '../describe.ts';
import { checkPatch, type FieldError } from '../patch.ts';
import { mayDecide } from '../state.ts';
import { ChangedMeanwhile, decideAgain, type Stale } from './changed.tsx';
import { troubleText } from './common.tsx';

export interface StatusPanelProps {
  kind: Kind;
  record: StoredRecord;
  onDone: (record: StoredRecord) => void;
  compact?: boolean;
}

/**
 * A record's status moved on in place, by its kind's moves (a problem 待整改 → 整改中 → 已整改; a
 * model 已推荐 → 已选树 / 未选树, staff's decision). What a move needs (整改情况 and 完成日期 to
 * rectify) is what the kind's rules ask of the moved record, found by checking it as the API will.
 */
export function StatusForm({ kind, record, onDone, compact = false }: StatusPanelProps) {
  const { statuses } = kind.form;
  const labels = statuses.labels as Record<string, string>;
  const moves = (statuses.moves[record.status] ?? []).filter((s) => !statuses.decisions?.includes(s) || mayDecide.value);
  const [target, setTarget] = useState<string>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [stale, setStale] = useState<Stale>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (moves.length === 0 && !done && !stale) return null;

  const fields = new Map(fieldsOf(kind.form));
  /** The fields the target asks for: what the kind's rules find missing once moved. */
  const needed = target ? checkPatch(kind, record, { status: target }).map((e) => e.path).filter((p) => fields.has(p)) : [];
  const id = (path: string) => `move-${record.id}-${path}`;
  const errorAt = (path: string) => errors.filter((e) => e.path === path).map((e) => e.message).join('；');

  function choose(next: string) {
    setTarget(next);
    setErrors([]);
    const defaults: Record<string, string> = {};
    for (const path of checkPatch(kind, record, { status: next }).map((e) => e.path)) {
      if (fields.get(path)?.kind === 'date') defaults[path] = beijingDate();
    }
    setValues(defaults);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!target) return;
    const patch: Record<string, unknown> = { status: target };
    for (const path of needed) if (values[path]?.trim()) patch[path] = values[path].trim();
    const found = checkPatch(kind, record, patch);
    setErrors(found);
    if (found.length > 0) {
      announce(`有 ${found.length} 处需要填写`);
      document.getElementById(id(found[0].path))?.focus();
      return;
    }
    setBusy(true);
    try {
      const answer = await send<StoredRecord>(`/${kind.form.path}/${record.id}`, { method: 'PATCH', body: patch, version: record.version });
      if (answer.ok) {
        const text = `已改为“${labels[target]}”，记录现为第 ${answer.value.version} 版。`;
        setDone(text);
        setStale(undefined);
        setTarget(undefined);
        announce(text);
        onDone(answer.value);
      } else if (answer.status === 412) {
        await decideAgain(kind, record, setStale, onDone);
      } else if (answer.status === 422 && answer.problem.errors) {
        setErrors(answer.problem.errors);
        announce(answer.problem.errors.map((e) => e.message).join('；'));
      } else {
        setErrors([{ path: '', message: answer.problem.detail ?? answer.problem.title }]);
        announce(answer.problem.detail ?? answer.problem.title);
      }
    } catch (e) {
      setErrors([{ path: '', message: troubleText(e) }]);
    } finally {
      setBusy(false);
    }
  }

  const legend = labelOf(kind, 'status');
  return (
    <section class={`panel status-panel${compact ? ' compact' : ''}`} aria-label={`更新${legend}`} data-status-panel>
      {stale && <ChangedMeanwhile stale={stale} />}
      {done && <p class="notice ok" role="status">{done}</p>}
      {moves.length > 0 && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <fieldset class="field">
            <legend>{legend}：当前为“{labels[record.status] ?? record.status}”，改为</legend>
            <div class="choices">
              {moves.map((s) => (
                <label key={s}><input type="radio" name={`move-${record.id}`} value={s} checked={target === s} onChange={() => choose(s)} />{labels[s]}</label>
              ))}
            </div>
          </fieldset>
          {needed.map((path) => {
            const field = fields.get(path)!;
            const common = {
              id: id(path), value: values[path] ?? '', 'aria-invalid': errorAt(path) ? (true as const) : undefined, 'aria-describedby': `${id(path)}-error`,
              onInput: (e: Event) => setValues({ ...values, [path]: (e.target as HTMLInputElement).value }),
            };
            return (
              <div class="field" key={path} data-path={path}>
                <label for={id(path)}>{labelOf(kind, path)}</label>
                {field.kind === 'date'
                  ? <input type="date" min={String(record.foundOn ?? '2016-01-01')} max={beijingDate()} {...common} />
                  : <textarea rows={3} {...common} />}
                <div class="error-text" id={`${id(path)}-error`}>{errorAt(path)}</div>
              </div>
            );
          })}
          {errors.some((e) => !needed.includes(e.path)) && (
            <p class="error-text" role="alert">{errors.filter((e) => !needed.includes(e.path)).map((e) => (e.path ? `${labelOf(kind, e.path)}：${e.message}` : e.message)).join('；')}</p>
          )}
          <div class="actions"><button type="submit" class="primary" disabled={!target || busy}>确认</button></div>
        </form>
      )}
    </section>
  );
}
