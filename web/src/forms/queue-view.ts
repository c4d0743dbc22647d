import { fill, h } from '../dom.ts';
import type { OutboxEntry } from '../outbox.ts';

const STATE_NAMES: Record<OutboxEntry['state'], string> = { waiting: '待发送', sent: '已发送', refused: '被退回' };

export interface QueueView {
  el: HTMLElement;
  show(entries: OutboxEntry[]): void;
  /** Shows or hides the "sign in again" notice. */
  needsSignIn(yes: boolean): void;
}

/** The outbox on the page: what is waiting, what was refused (with the reasons) and what was sent. */
export function queueView(actions: {
  sendNow(): void; signIn(): void; edit(entry: OutboxEntry): void; remove(entry: OutboxEntry): void;
  /** An entry's files of evidence (佐证材料) and how their uploads go. */
  files?(entry: OutboxEntry): Node | null;
}): QueueView {
  const counts = h('p', { id: 'queue-counts' });
  const list = h('ul', { class: 'queue', id: 'queue', 'aria-label': '提交记录' });
  const sendNow = h('button', { type: 'button', id: 'send-now', onclick: () => actions.sendNow() }, '立即发送');
  const signInAgain = h('p', { class: 'notice error', hidden: true },
    '登录已过期：重新登录后，待发送的内容会自动发送。 ', h('button', { type: 'button', onclick: () => actions.signIn() }, '重新登录'));
  const el = h('section', { class: 'card', 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title' }, '发送情况'), counts, signInAgain, h('div', { class: 'actions' }, sendNow), list);
  const order = { waiting: 0, refused: 1, sent: 2 };
  return {
    el,
    needsSignIn: (yes) => { signInAgain.hidden = !yes; },
    show(entries) {
      const count = (state: OutboxEntry['state']) => entries.filter((e) => e.state === state).length;
      counts.textContent = `待发送 ${count('waiting')} · 已发送 ${count('sent')} · 被退回 ${count('refused')}`;
      sendNow.disabled = count('waiting') === 0;
      const sorted = [...entries].sort((a, b) => order[a.state] - order[b.state] || (b.sentAt ?? b.queuedAt).localeCompare(a.sentAt ?? a.queuedAt));
      fill(list, sorted.map((entry) => h('li', { 'data-id': entry.id, 'data-state': entry.state },
        h('span', { class: `badge ${entry.state}` }, STATE_NAMES[entry.state]),
        h('span', {}, entry.title),
        entry.state === 'sent' ? h('span', { class: 'hint' }, entry.status === 201 ? '已入库' : '此前已入库（重复发送不会重复计数）') : null,
        entry.state === 'waiting' && entry.attempts > 0 ? h('span', { class: 'hint' }, `已尝试 ${entry.attempts} 次`) : null,
        entry.state === 'refused' ? [
          h('span', { class: 'error-text' }, entry.problem?.errors?.map((e) => e.message).join('；') || entry.problem?.detail || entry.problem?.title || `HTTP ${entry.status}`),
          h('span', { class: 'actions' },
            h('button', { type: 'button', onclick: () => actions.edit(entry) }, '修改后重新提交'),
            h('button', { type: 'button', class: 'link', onclick: () => actions.remove(entry) }, '删除')),
        ] : null,
        actions.files?.(entry) ?? null)));
    },
  };
}
