import { MAX_ATTACHMENTS } from '#schemas/attachment-field.ts';
import { fieldText } from '#schemas/kind.ts';
import { h } from '../dom.ts';
import { announce } from '../shell.ts';
import type { Control, FormContext } from '../forms/controls.ts';
import { domId } from '../forms/controls.ts';
import type { EvidenceFile, StoredFile } from './files.ts';
import { currentEvidence } from './host.ts';
import { NotAccepted, prepareFile } from './scale.ts';
import { captureLine, sizeChange } from './words.ts';

/**
 * The 佐证材料 section of a form, for every kind whose schema carries `attachments`: take a photo
 * (the camera, `capture`) or pick photos and PDFs, each with an optional caption (说明); photos are
 * read for when and where they were taken and scaled on the phone before anything is sent, and wait
 * on the device (IndexedDB) with the record. Reads back as the API's `attachments: [{ id, caption? }]`.
 * Without the forms page's evidence store (a correction on the desk) the files already held are
 * kept, captioned or removed, and none added; each shows its picture as the API serves it.
 */

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
const CAPTION_MAX = 200;

interface Item { id: string; caption?: string }

export function evidenceControl(ctx: FormContext, path: string, recordId: () => string): Control {
  const text = fieldText(ctx.kind, path);
  const captionLabel = fieldText(ctx.kind, `${path}.caption`)?.label ?? '说明';
  const id = domId(path);
  const evidence = currentEvidence();
  let items: Item[] = [];
  // Asked once per file: a row drawn again (a file removed) shows the picture it had.
  const stored = new Map<string, Promise<StoredFile | undefined>>();
  const storedFile = (fileId: string) => {
    if (!ctx.storedFile) return undefined;
    if (!stored.has(fileId)) stored.set(fileId, ctx.storedFile(fileId).catch(() => undefined));
    return stored.get(fileId);
  };

  const list = h('ul', { class: 'evidence-files', 'aria-label': text?.label });
  const status = h('p', { class: 'hint evidence-status', 'aria-live': 'polite' });
  const pickError = h('p', { class: 'error-text evidence-pick-error', role: 'alert' });
  const picker = h('input', { type: 'file', accept: ACCEPT, multiple: true, class: 'visually-hidden', tabindex: -1, 'aria-label': '选择照片或文件', id: `${id}-pick` });
  const camera = h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'visually-hidden', tabindex: -1, 'aria-label': '拍照', id: `${id}-camera` });
  const pickButton = h('button', { type: 'button', onclick: () => picker.click() }, '选择照片或文件');
  const cameraButton = h('button', { type: 'button', onclick: () => camera.click() }, '拍照');
  const count = h('span', { class: 'hint' });
  const adders = evidence
    ? h('div', { class: 'actions' }, cameraButton, pickButton, count, picker, camera)
    : h('p', { class: 'hint' }, '新的照片或文件请在填报页随记录添加；这里可修改说明或移除。');
  const el = h('fieldset', { class: 'field evidence', 'data-path': path, 'aria-describedby': `${id}-error${text?.hint ? ` ${id}-hint` : ''}` },
    h('legend', {}, text?.label ?? path, h('span', { class: 'optional' }, '（选填）')),
    text?.hint ? h('span', { class: 'hint', id: `${id}-hint` }, text.hint) : null,
    adders, status, pickError, list, h('div', { class: 'error-text', id: `${id}-error` }));

  const changed = () => el.dispatchEvent(new Event('change', { bubbles: true }));
  const captions = () => [...list.querySelectorAll<HTMLInputElement>('input[data-caption]')];
  const keepCaptions = () => { captions().forEach((input, i) => { if (items[i]) items[i].caption = input.value.trim() || undefined; }); };

  function row(item: Item, index: number): HTMLElement {
    const file = evidence?.get(item.id);
    const itemPath = `${path}[${index}]`;
    const captionId = `${domId(itemPath)}-caption`;
    const name = file?.name ?? `佐证材料 ${index + 1}`;
    const caption = h('input', { type: 'text', id: captionId, name: `${itemPath}.caption`, maxlength: CAPTION_MAX, autocomplete: 'off', value: item.caption ?? '', 'data-caption': '' });
    const remove = h('button', { type: 'button', class: 'link', 'aria-label': `移除 ${name}`, onclick: () => {
      keepCaptions();
      const [gone] = items.splice(index, 1);
      if (gone) void evidence?.removeDraft(gone.id);
      render();
      changed();
      (list.querySelectorAll<HTMLButtonElement>('button.remove')[Math.min(index, items.length - 1)] ?? (evidence ? cameraButton : el)).focus();
    } }, '移除');
    remove.classList.add('remove');
    const picture = file?.thumbnail
      ? h('img', { src: file.thumbnail, alt: '', class: 'evidence-thumb', width: 64, height: 64 })
      : h('span', { class: 'evidence-thumb doc', 'aria-hidden': 'true' }, file?.contentType === 'application/pdf' ? 'PDF' : '文件');
    if (!file) void storedFile(item.id)?.then((found) => {
      if (!found) return;
      picture.replaceWith(found.url && found.contentType.startsWith('image/')
        ? h('img', { src: found.url, alt: '', class: 'evidence-thumb', width: 64, height: 64, loading: 'lazy', 'data-stored': '' })
        : h('span', { class: 'evidence-thumb doc', 'aria-hidden': 'true' }, found.contentType === 'application/pdf' ? 'PDF' : '文件'));
    });
    return h('li', { 'data-path': itemPath, 'data-attachment': item.id },
      picture,
      h('div', { class: 'evidence-about' },
        h('strong', {}, name),
        file ? h('span', { class: 'hint', 'data-size': '' }, `${sizeChange(file.originalSize, file.size)}${file.width ? ` · ${file.width}×${file.height}` : ''}`) : null,
        file && file.contentType !== 'application/pdf' ? h('span', { class: 'hint', 'data-capture': '' }, captureLine(file)) : null),
      remove,
      h('div', { class: 'evidence-caption' },
        h('label', { for: captionId }, captionLabel, h('span', { class: 'optional' }, '（选填，200 字以内）')),
        caption,
        h('div', { class: 'error-text', id: `${domId(itemPath)}-error` })));
  }

  function render(): void {
    list.replaceChildren(...items.map(row));
    count.textContent = items.length ? `已添加 ${items.length} 个，最多 ${MAX_ATTACHMENTS} 个` : '';
    pickButton.disabled = cameraButton.disabled = items.length >= MAX_ATTACHMENTS;
  }

  async function take(input: HTMLInputElement): Promise<void> {
    if (!evidence) return;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const errors: string[] = [];
    keepCaptions();
    for (const file of picked) {
      if (items.length >= MAX_ATTACHMENTS) { errors.push(`最多 ${MAX_ATTACHMENTS} 个，${file.name} 未添加`); continue; }
      status.textContent = `正在处理 ${file.name}…`;
      try {
        const prepared = await prepareFile(file);
        const attachment: EvidenceFile = {
          id: crypto.randomUUID(), recordId: recordId(), name: file.name || '照片', contentType: prepared.contentType,
          size: prepared.blob.size, originalSize: prepared.originalBytes, width: prepared.width, height: prepared.height,
          takenAt: prepared.facts?.takenAt, gps: prepared.facts?.gps, thumbnail: prepared.thumbnail, blob: prepared.blob,
          state: 'draft', attempts: 0, addedAt: new Date().toISOString(),
        };
        await evidence.add(attachment);
        items.push({ id: attachment.id });
        render();
        changed();
      } catch (error) {
        errors.push(`${file.name}：${error instanceof NotAccepted ? error.message : '无法处理这个文件'}`);
      }
    }
    status.textContent = '';
    if (picked.length) announce(`已添加 ${picked.length - errors.length} 个文件${errors.length ? `，${errors.length} 个未能添加` : ''}`);
    pickError.textContent = errors.join('；');
  }
  picker.addEventListener('change', () => void take(picker));
  camera.addEventListener('change', () => void take(camera));

  return {
    el,
    read: () => {
      keepCaptions();
      return items.length ? items.map((item) => (item.caption ? { id: item.id, caption: item.caption } : { id: item.id })) : undefined;
    },
    load: (value) => {
      items = Array.isArray(value) ? value.map((v: Item) => ({ id: v.id, caption: v.caption })) : [];
      render();
      // The files' details come from the device's store, opened a moment after the form.
      void evidence?.ready.then(() => { keepCaptions(); render(); });
    },
  };
}
