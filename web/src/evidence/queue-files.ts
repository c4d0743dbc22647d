import { h } from '../dom.ts';
import type { OutboxEntry } from '../outbox.ts';
import { type EvidenceFile, stateText } from './files.ts';
import type { Evidence } from './uploader.ts';
import { sizeChange } from './words.ts';

/**
 * Each outbox entry's files on the page: name, size before → after, and state (等待 / 上传中 x% /
 * 已上传 / 未通过校验), updated in place as uploads go (one element per entry, kept across the
 * outbox's re-renders, so a focused button stays focused).
 */
export function queueFiles(evidence: Evidence): { of(entry: OutboxEntry): HTMLElement | null; update(file?: EvidenceFile): void } {
  const lists = new Map<string, HTMLElement>();

  const row = (file: EvidenceFile) => {
    const progress = evidence.progress(file.id);
    const trouble = file.state === 'rejected'
      ? [h('span', { class: 'error-text' }, `未通过校验：${file.problem ?? '文件内容与类型或大小不符'}。校验结果不再改变：请在工作台修改该记录，移除此文件后重新拍照或选择。`)]
      : file.state === 'refused'
        ? [h('span', { class: 'error-text' }, `被退回：${file.problem ?? ''}。请移除此文件后重新选择。`)]
        : [];
    return h('li', { 'data-attachment': file.id, 'data-file-state': file.state },
      h('span', {}, file.name),
      h('span', { class: 'hint' }, sizeChange(file.originalSize, file.size)),
      h('span', { class: `badge file-${file.state}`, 'data-file-status': '' }, stateText(file, progress)),
      file.state === 'uploading' ? h('progress', { max: 1, value: progress ?? 0, 'aria-label': `${file.name} 上传进度` }) : null,
      trouble);
  };

  const render = (recordId: string) => {
    const list = lists.get(recordId);
    if (!list) return;
    const files = evidence.ofRecord(recordId).filter((f) => f.state !== 'draft');
    list.hidden = files.length === 0;
    list.replaceChildren(...files.map(row));
  };

  return {
    of(entry) {
      let list = lists.get(entry.id);
      if (!list) {
        list = h('ul', { class: 'queue-files', 'aria-label': '佐证材料' });
        lists.set(entry.id, list);
      }
      render(entry.id);
      return list;
    },
    update(file) {
      if (!file) { for (const id of lists.keys()) render(id); return; }
      const list = lists.get(file.recordId);
      const old = list?.querySelector(`li[data-attachment="${file.id}"]`);
      // Only the file that moved is redrawn: a focused element elsewhere keeps its focus.
      if (old && old.getAttribute('data-file-state') === file.state && file.state === 'uploading') {
        const badge = old.querySelector('[data-file-status]');
        if (badge) badge.textContent = stateText(file, evidence.progress(file.id));
        old.querySelector('progress')?.setAttribute('value', String(evidence.progress(file.id) ?? 0));
      } else if (old) old.replaceWith(row(file));
      else render(file.recordId);
    },
  };
}
