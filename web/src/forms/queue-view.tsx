import type { ComponentChild } from 'preact';
import type { OutboxEntry } from '../outbox.ts';
import type { Refusal } from './refusal.ts';

/** The glossary's words for the outbox's states. */
const STATE_NAMES: Record<OutboxEntry['state'], string> = { waiting: '待发送', sent: '已入库', refused: '被退回' };
const ORDER = { waiting: 0, refused: 1, sent: 2 };

/** What a suspected duplicate's receipt says beside 已入库: why, and that it does not count until decided. */
export const SUSPECTED_DUPLICATE = '同一组织部长同一天已有该党组织的走访记录，经工作台审核确认为不同走访后才计入统计。';

export interface QueueActions {
  sendNow(): void;
  signIn(): void;
  edit(entry: OutboxEntry): void;
  remove(entry: OutboxEntry): void;
  /** The head an entry is for, by name (the id only when no name is known). */
  ministerOf(entry: OutboxEntry): string | undefined;
  refusalOf(entry: OutboxEntry): Refusal;
  /** An entry's files of evidence (佐证材料) and how their uploads go. */
  files?(entry: OutboxEntry): ComponentChild;
}

/** The outbox on the page: what is waiting, what was refused (in red, with the reasons) and what was stored. */
export function QueueView({ entries, needsSignIn, actions }: { entries: OutboxEntry[]; needsSignIn: boolean; actions: QueueActions }) {
  const count = (state: OutboxEntry['state']) => entries.filter((e) => e.state === state).length;
  const sorted = [...entries].sort((a, b) => ORDER[a.state] - ORDER[b.state] || (b.sentAt ?? b.queuedAt).localeCompare(a.sentAt ?? a.queuedAt));
  return (
    <section class="card" aria-labelledby="queue-title">
      <h2 id="queue-title">发送情况</h2>
      <p id="queue-counts">{`待发送 ${count('waiting')} · 已入库 ${count('sent')} · 被退回 ${count('refused')}`}</p>
      <p class="notice error" hidden={!needsSignIn}>
        登录已过期：重新登录后，待发送的内容会自动发送。 <button type="button" onClick={() => actions.signIn()}>重新登录</button>
      </p>
      <div class="actions"><button type="button" id="send-now" disabled={count('waiting') === 0} onClick={() => actions.sendNow()}>立即发送</button></div>
      <ul class="queue" id="queue" aria-label="提交记录">
        {sorted.map((entry) => <Entry key={entry.id} entry={entry} actions={actions} />)}
      </ul>
    </section>
  );
}

function Entry({ entry, actions }: { entry: OutboxEntry; actions: QueueActions }) {
  const head = actions.ministerOf(entry);
  const refusal = entry.state === 'refused' ? actions.refusalOf(entry) : undefined;
  const duplicate = entry.state === 'sent' && entry.suspectedDuplicate;
  return (
    <li data-id={entry.id} data-state={entry.state} class={entry.state}>
      <span class={`badge ${entry.state}`}>{STATE_NAMES[entry.state]}</span>
      <span>{entry.title}</span>
      {head && <span class="hint minister">{`组织部长 ${head}`}</span>}
      {duplicate && <span class="badge duplicate">疑似重复</span>}
      {duplicate && <span class="hint duplicate-note">{SUSPECTED_DUPLICATE}</span>}
      {entry.state === 'sent' && entry.status !== 201 && <span class="hint">此前已入库（重复发送不会重复计数）</span>}
      {entry.state === 'waiting' && entry.attempts > 0 && <span class="hint">{`已尝试 ${entry.attempts} 次`}</span>}
      {refusal && <>
        <span class="error-text">{refusal.reason}</span>
        {refusal.help && <span class="error-text help">{refusal.help}</span>}
        <span class="actions">
          <button type="button" onClick={() => actions.edit(entry)}>{refusal.fixable ? '修改后重新提交' : '打开内容'}</button>
          <button type="button" class="link" onClick={() => actions.remove(entry)}>删除</button>
        </span>
      </>}
      {actions.files?.(entry)}
    </li>
  );
}
