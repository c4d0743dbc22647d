import type { Kind } from '#schemas/kind.ts';
import { ApiError } from '../../api.ts';
import { getRecord, type StoredRecord } from '../data.ts';
import { type Difference, differences } from '../diff.ts';
import { announce } from '../../shell.ts';
import { names } from '../state.ts';
import { EMPTY } from '../words.ts';

/**
 * A 412: someone changed the record between the person opening it and deciding. The record is read
 * again, what changed is shown field by field, and the person decides again on the new version.
 */
export interface Stale {
  current: StoredRecord;
  differences: Difference[];
}

export async function whatChanged(kind: Kind, seen: StoredRecord): Promise<Stale> {
  const answer = await getRecord(kind.form.path, seen.id);
  if (!answer.ok) throw new ApiError(answer.problem);
  return { current: answer.value, differences: differences(kind, seen, answer.value, names.value) };
}

/** A decision answered 412: show what changed, say so, and hand the new version on, for the person to decide again. */
export async function decideAgain(kind: Kind, seen: StoredRecord, show: (stale: Stale) => void, onDone: (current: StoredRecord) => void): Promise<void> {
  const changed = await whatChanged(kind, seen);
  show(changed);
  announce('该记录已被他人修改，请查看变化后重新决定');
  onDone(changed.current);
}

export function ChangedMeanwhile({ stale }: { stale: Stale }) {
  return (
    <div class="notice warn changed" role="alert" data-changed>
      <p><strong>在您处理期间，该记录已被他人修改（现为第 {stale.current.version} 版）。</strong>请查看以下变化后重新决定：</p>
      {stale.differences.length === 0
        ? <p>内容没有变化（仅版本更新）。</p>
        : <Differences list={stale.differences} />}
    </div>
  );
}

/** Changed fields as `label：before → after`. */
export function Differences({ list }: { list: Difference[] }) {
  return (
    <ul class="differences">
      {list.map((d) => (
        <li key={d.path} data-path={d.path}>
          <span class="label">{d.label}</span>：<del>{d.before || EMPTY}</del> <span aria-hidden="true">→</span><span class="visually-hidden">改为</span> <ins>{d.after || EMPTY}</ins>
        </li>
      ))}
    </ul>
  );
}
