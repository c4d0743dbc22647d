import { fill, h } from '../dom.ts';
import type { OutboxEntry } from '../outbox.ts';
import type { Refusal } from './refusal.ts';

/** The glossary's words for the outbox's states. */
const STATE_NAMES: Record<OutboxEntry['state'], string> = { waiting: '待发送', sent: '已入库', refused: '被退回' };

/** What a suspected duplicate's receipt says beside 已入库: why, and that it does not count until decided. */
export const SUSPECTED_DUPLICATE = '同一组织部长同一天已有该党组织的走访记录，经工作台审核确认为不同走访后才计入统计。';

export interface QueueView {
  el: HTMLElement;
  show(entries: OutboxEntry[]): void;
  /** Shows or hides the "sign in again" notice. */
  needsSignIn(yes: boolean): void;
}

export interface QueueActions {
  sendNow(): void;
  signIn(): void;
  edit(entry: OutboxEntry): void;
  remove(entry: OutboxEntry): void;
  /** The head an entry is for, by name (the id only when no name is known). */
  ministerOf(entry: OutboxEntry): string | undefined;
  refusalOf(entry: OutboxEntry): Refusal;
  /** An entry's files of evidence (佐证材料) and how their uploads go. */
  files?(entry: OutboxEntry): Node | null;
}

/** The outbox on the page: what is waiting, what was refused (in red, with the reasons) and what was stored. */
export function queueView(actions: QueueActions): QueueView {
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
      counts.textContent = `待发送 ${count('waiting')} · 已入库 ${count('sent')} · 被退回 ${count('refused')}`;
      sendNow.disabled = count('waiting') === 0;
      const sorted = [...entries].sort((a, b) => order[a.state] - order[b.state] || (b.sentAt ?? b.queuedAt).localeCompare(a.sentAt ?? a.queuedAt));
      fill(list, sorted.map((entry) => {
        const head = actions.ministerOf(entry);
        const refusal = entry.state === 'refused' ? actions.refusalOf(entry) : undefined;
        return h('li', { 'data-id': entry.id, 'data-state': entry.state, class: entry.state },
          h('span', { class: `badge ${entry.state}` }, STATE_NAMES[entry.state]),
          h('span', {}, entry.title),
          head ? h('span', { class: 'hint minister' }, `组织部长 ${head}`) : null,
          entry.state === 'sent' && entry.suspectedDuplicate ? h('span', { class: 'badge duplicate' }, '疑似重复') : null,
          entry.state === 'sent' && entry.suspectedDuplicate ? h('span', { class: 'hint duplicate-note' }, SUSPECTED_DUPLICATE) : null,
          entry.state === 'sent' && entry.status !== 201 ? h('span', { class: 'hint' }, '此前已入库（重复发送不会重复计数）') : null,
          entry.state === 'waiting' && entry.attempts > 0 ? h('span', { class: 'hint' }, `已尝试 ${entry.attempts} 次`) : null,
          refusal ? [
            h('span', { class: 'error-text' }, refusal.reason),
            refusal.help ? h('span', { class: 'error-text help' }, refusal.help) : null,
            h('span', { class: 'actions' },
              h('button', { type: 'button', onclick: () => actions.edit(entry) }, refusal.fixable ? '修改后重新提交' : '打开内容'),
              h('button', { type: 'button', class: 'link', onclick: () => actions.remove(entry) }, '删除')),
          ] : null,
          actions.files?.(entry) ?? null);
      }));
    },
  };
}
