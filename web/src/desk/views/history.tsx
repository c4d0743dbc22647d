import type { Kind } from '#schemas/kind.ts';
import { getAll } from '../data.ts';
import { type Change, changeText } from '../diff.ts';
import { names } from '../state.ts';
import { Differences } from './changed.tsx';
import { Loading, Trouble, useLoad } from './common.tsx';

/**
 * A record's change trail (`GET /{kind}/{id}/history`), newest first: who, when (Beijing time),
 * what was done, and each changed field as label: before → after, in Chinese.
 */
export function HistoryView({ kind, id, version }: { kind: Kind; id: string; version: number }) {
  const trail = useLoad(() => getAll<Change>(`/${kind.form.path}/${id}/history`, new URLSearchParams()), [kind, id, version]);
  if (trail.state.status === 'loading') return <Loading what="修改记录" />;
  if (trail.state.status === 'error') return <Trouble error={trail.state.error} retry={trail.reload} />;
  const entries = [...trail.state.value].reverse().map((change) => changeText(kind, change, names.value));
  return (
    <ol class="trail" aria-label="修改记录" data-trail>
      {entries.map((entry) => (
        <li key={entry.version} data-version={entry.version}>
          <p class="trail-head"><strong>第 {entry.version} 版 · {entry.action}</strong> <span class="who">{entry.who}</span> <time>{entry.when}</time></p>
          {entry.reason && <p class="notice" data-reason>{entry.reason}</p>}
          {entry.differences.length > 0 ? <Differences list={entry.differences} /> : <p class="hint">{entry.version === 1 ? '新建记录。' : '内容没有变化。'}</p>}
        </li>
      ))}
    </ol>
  );
}
