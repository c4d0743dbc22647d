import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_ATTACHMENTS } from '#schemas/attachment-field.ts';
import { fieldText } from '#schemas/kind.ts';
import type { EvidenceFile, StoredFile } from '../evidence/files.ts';
import { currentEvidence } from '../evidence/host.ts';
import { NotAccepted, prepareFile } from '../evidence/scale.ts';
import { captureLine, sizeChange } from '../evidence/words.ts';
import { announce } from '../shell.ts';
import { domId, type FieldProps, useFormState } from './context.ts';
import { describedBy } from './wrap.tsx';

/**
 * The 佐证材料 section of a form, for every kind whose schema carries `attachments`: take a photo
 * (the camera, `capture`) or pick photos and PDFs, each with an optional caption (说明); photos are
 * read for when and where they were taken and scaled on the phone before anything is sent, and wait
 * on the device (IndexedDB) with the record. Its value is the API's `attachments: [{ id, caption? }]`.
 * Without an evidence store on the page the files already held are kept, captioned or removed, and
 * none added; each shows its picture as the API serves it.
 */

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
const CAPTION_MAX = 200;

interface Item { id: string; caption: string }

const itemsOf = (value: unknown): Item[] => (Array.isArray(value)
  ? value.flatMap((v: unknown) => (typeof v === 'object' && v !== null && 'id' in v && typeof v.id === 'string'
    ? [{ id: v.id, caption: 'caption' in v && typeof v.caption === 'string' ? v.caption : '' }] : []))
  : []);
const valueOf = (items: Item[]) => (items.length
  ? items.map((item) => (item.caption.trim() ? { id: item.id, caption: item.caption.trim() } : { id: item.id }))
  : undefined);

/** Asked once per file: a row drawn again shows the picture it had. */
const storedPictures = new Map<string, Promise<StoredFile | undefined>>();

export function EvidenceField({ path, value, set }: FieldProps<unknown>) {
  const { ctx, recordId, errorOf, fixed } = useFormState();
  const text = fieldText(ctx.kind, path);
  const captionLabel = fieldText(ctx.kind, `${path}.caption`)?.label ?? '说明';
  const id = domId(path);
  const evidence = currentEvidence();
  const [items, setItems] = useState(() => itemsOf(value));
  const [status, setStatus] = useState('');
  const [pickError, setPickError] = useState('');
  // The files' details come from the device's store, opened a moment after the form.
  const [, setReady] = useState(false);
  useEffect(() => { void evidence?.ready.then(() => setReady(true)); }, []);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const disabled = fixed.includes(path) || undefined;

  const change = (next: Item[]) => { setItems(next); set(valueOf(next)); };
  const remove = (index: number) => {
    const gone = items[index];
    if (gone) void evidence?.removeDraft(gone.id);
    change(items.filter((_, i) => i !== index));
    requestAnimationFrame(() => (list.current?.querySelectorAll<HTMLButtonElement>('button.remove')[Math.min(index, items.length - 2)] ?? cameraButton.current)?.focus());
  };

  async function take(input: HTMLInputElement): Promise<void> {
    if (!evidence) return;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const errors: string[] = [];
    let next = items;
    for (const file of picked) {
      if (next.length >= MAX_ATTACHMENTS) { errors.push(`最多 ${MAX_ATTACHMENTS} 个，${file.name} 未添加`); continue; }
      setStatus(`正在处理 ${file.name}…`);
      try {
        const prepared = await prepareFile(file);
        const attachment: EvidenceFile = {
          id: crypto.randomUUID(), recordId, name: file.name || '照片', contentType: prepared.contentType,
          size: prepared.blob.size, originalSize: prepared.originalBytes, width: prepared.width, height: prepared.height,
          takenAt: prepared.facts?.takenAt, gps: prepared.facts?.gps, thumbnail: prepared.thumbnail, blob: prepared.blob,
          state: 'draft', attempts: 0, addedAt: new Date().toISOString(),
        };
        await evidence.add(attachment);
        next = [...next, { id: attachment.id, caption: '' }];
        change(next);
      } catch (error) {
        errors.push(`${file.name}：${error instanceof NotAccepted ? error.message : '无法处理这个文件'}`);
      }
    }
    setStatus('');
    if (picked.length) announce(`已添加 ${picked.length - errors.length} 个文件${errors.length ? `，${errors.length} 个未能添加` : ''}`);
    setPickError(errors.join('；'));
  }

  const full = items.length >= MAX_ATTACHMENTS;
  return (
    <fieldset class="field evidence" id={id} data-path={path} aria-describedby={describedBy(path, !!text?.hint)}>
      <legend>{text?.label ?? path}<span class="optional">（选填）</span>{disabled && ' （报送后不能修改）'}</legend>
      {text?.hint && <span class="hint" id={`${id}-hint`}>{text.hint}</span>}
      {evidence
        ? (
          <div class="actions">
            <button type="button" ref={cameraButton} disabled={disabled || full} onClick={() => camera.current?.click()}>拍照</button>
            <button type="button" disabled={disabled || full} onClick={() => picker.current?.click()}>选择照片或文件</button>
            <span class="hint">{items.length ? `已添加 ${items.length} 个，最多 ${MAX_ATTACHMENTS} 个` : ''}</span>
            <input ref={picker} type="file" accept={ACCEPT} multiple class="visually-hidden" tabIndex={-1} aria-label="选择照片或文件" id={`${id}-pick`} onChange={(e) => void take(e.currentTarget)} />
            <input ref={camera} type="file" accept="image/*" capture="environment" class="visually-hidden" tabIndex={-1} aria-label="拍照" id={`${id}-camera`} onChange={(e) => void take(e.currentTarget)} />
          </div>
        )
        : <p class="hint">新的照片或文件请在填报页随记录添加；这里可修改说明或移除。</p>}
      <p class="hint evidence-status" aria-live="polite">{status}</p>
      <p class="error-text evidence-pick-error" role="alert">{pickError}</p>
      <ul class="evidence-files" aria-label={text?.label} ref={list}>
        {items.map((item, index) => (
          <EvidenceRow key={item.id} path={`${path}[${index}]`} item={item} index={index} captionLabel={captionLabel} disabled={disabled}
            file={evidence?.get(item.id)} caption={(caption) => change(items.map((old, i) => (i === index ? { ...old, caption } : old)))} remove={() => remove(index)} />
        ))}
      </ul>
      <div class="error-text" id={`${id}-error`}>{errorOf(path)}</div>
    </fieldset>
  );
}

function EvidenceRow({ path, item, index, file, captionLabel, disabled, caption, remove }: {
  path: string; item: Item; index: number; file?: EvidenceFile; captionLabel: string; disabled?: boolean;
  caption: (text: string) => void; remove: () => void;
}) {
  const { ctx, errorOf, invalid } = useFormState();
  const [stored, setStored] = useState<StoredFile>();
  useEffect(() => {
    if (file || !ctx.storedFile) return;
    if (!storedPictures.has(item.id)) storedPictures.set(item.id, ctx.storedFile(item.id).catch(() => undefined));
    void storedPictures.get(item.id)?.then(setStored);
  }, [item.id, !!file]);
  const captionId = `${domId(path)}-caption`;
  const name = file?.name ?? `佐证材料 ${index + 1}`;
  const doc = (type?: string) => <span class="evidence-thumb doc" aria-hidden="true">{type === 'application/pdf' ? 'PDF' : '文件'}</span>;
  const picture = file?.thumbnail
    ? <img src={file.thumbnail} alt="" class="evidence-thumb" width={64} height={64} />
    : stored?.url && stored.contentType.startsWith('image/')
      ? <img src={stored.url} alt="" class="evidence-thumb" width={64} height={64} loading="lazy" data-stored="" />
      : doc(file?.contentType ?? stored?.contentType);
  return (
    <li data-path={path} data-attachment={item.id}>
      {picture}
      <div class="evidence-about">
        <strong>{name}</strong>
        {file && <span class="hint" data-size="">{`${sizeChange(file.originalSize, file.size)}${file.width ? ` · ${file.width}×${file.height}` : ''}`}</span>}
        {file && file.contentType !== 'application/pdf' && <span class="hint" data-capture="">{captureLine(file)}</span>}
      </div>
      <button type="button" class="link remove" aria-label={`移除 ${name}`} disabled={disabled} onClick={remove}>移除</button>
      <div class="evidence-caption">
        <label for={captionId}>{captionLabel}<span class="optional">（选填，200 字以内）</span></label>
        <input type="text" id={captionId} name={`${path}.caption`} maxLength={CAPTION_MAX} autocomplete="off" value={item.caption} data-caption=""
          disabled={disabled} aria-invalid={invalid(`${path}.caption`) ? 'true' : undefined} onInput={(e) => caption(e.currentTarget.value)} />
        <div class="error-text" id={`${domId(path)}-error`}>{errorOf(path)}</div>
      </div>
    </li>
  );
}
