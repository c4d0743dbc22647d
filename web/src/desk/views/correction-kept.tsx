import { useEffect, useState } from 'preact/hooks';
import { attachmentIdsOf } from '#schemas/attachment-field.ts';
import type { Kind } from '#schemas/kind.ts';
import { QueueFiles } from '../../evidence/queue-files.tsx';
import { correctionId } from '../../outbox.ts';
import { announce } from '../../shell.ts';
import { startCorrections } from '../corrections.ts';
import { currentConfig, type StoredRecord } from '../data.ts';
import { differences } from '../diff.ts';
import { names, person } from '../state.ts';
import { Differences, type Stale, whatChanged } from './changed.tsx';
import { troubleText } from './common.tsx';

/**
 * A record's correction kept on this device, above the record: 待发送 (no connection yet; sent when
 * one returns, its new files after it), or 未能提交 with why — a 412 showing what someone else
 * changed meanwhile, for the person to correct again on the new version or give the correction up.
 * Once it is sent the record is read again (`onSent`).
 */
export function CorrectionKept({ kind, record, onSent, onEdit, onNewer }: {
  kind: Kind; record: StoredRecord; onSent: () => void; onEdit: () => void;
  /** The record as it is now, read for a 412: the page shows it, and a correction again starts from it. */
  onNewer: (current: StoredRecord) => void;
}) {
  const [corrections] = useState(() => startCorrections(currentConfig(), person.value.sub));
  const entry = corrections.entries.value.find((e) => e.id === correctionId(record.id));
  const [stale, setStale] = useState<Stale | string>();
  const state = entry?.state;

  useEffect(() => {
    if (state === 'sent') {
      announce(`修改已发送：${entry?.title ?? ''}`);
      onSent();
    }
    if (state === 'refused' && entry?.status === 412 && entry.base) {
      const seen = entry.base as StoredRecord;
      whatChanged(kind, seen).then((changed) => { setStale(changed); onNewer(changed.current); }, (error: unknown) => setStale(troubleText(error)));
    }
  }, [state]);

  if (!entry || entry.state === 'sent') return null;
  const evidence = corrections.evidence;

  function giveUp() {
    if (!entry) return;
    corrections.outbox.remove(entry.id);
    // The files this correction added go with it; the record's own stay.
    const held = new Set(attachmentIdsOf(entry.base ?? {}));
    for (const id of attachmentIdsOf(entry.body)) if (!held.has(id)) void evidence.evidence.removeDraft(id);
    announce('已放弃本机保存的修改');
    onSent();
  }

  if (entry.state === 'waiting') {
    return (
      <section class="notice correction-kept" data-correction-waiting aria-label="待发送的修改">
        <p><strong>待发送：{entry.title}</strong></p>
        <p>修改已保存在本机（基于第 {entry.version} 版），联网后自动发送；新添加的照片和文件随后上传。</p>
        {entry.base && <Differences list={differences(kind, entry.base, { ...entry.base, ...entry.body }, names.value).filter((d) => !d.path.startsWith('attachments'))} />}
        {filesLine(entry.base ?? {}, entry.body)}
        <QueueFiles evidence={evidence.evidence} recordId={record.id} changes={evidence.changes} />
        <p class="actions">
          <button type="button" onClick={() => void corrections.flush()}>立即发送</button>
          <button type="button" class="link" onClick={onEdit}>继续修改</button>
        </p>
      </section>
    );
  }
  const changedMeanwhile = entry.status === 412;
  return (
    <section class="notice error correction-kept" role="alert" data-correction-refused={entry.status} aria-label="未能提交的修改">
      <p><strong>修改未能提交：{entry.title}</strong></p>
      {changedMeanwhile
        ? <p>在您修改期间，该记录已被他人修改{typeof stale === 'object' ? `（现为第 ${stale.current.version} 版）` : ''}。您的修改仍保存在本机，请查看以下变化后重新修改：</p>
        : <p>{entry.problem?.detail ?? entry.problem?.title ?? `请求失败（${entry.status}）`}</p>}
      {typeof stale === 'string' && <p>{stale}</p>}
      {typeof stale === 'object' && (stale.differences.length ? <Differences list={stale.differences} /> : <p>内容没有变化（仅版本更新）。</p>)}
      <p class="actions">
        <button type="button" class="primary" onClick={onEdit}>重新修改</button>
        <button type="button" class="link" onClick={giveUp}>放弃这份修改</button>
      </p>
    </section>
  );
}

/** 佐证材料：新增 1 个，移除 1 个 — what a waiting correction does to the record's files (nothing when it leaves them). */
function filesLine(base: object, body: object) {
  if (!('attachments' in body)) return null;
  const before = new Set(attachmentIdsOf(base));
  const after = new Set(attachmentIdsOf(body));
  const added = [...after].filter((id) => !before.has(id)).length;
  const removed = [...before].filter((id) => !after.has(id)).length;
  const parts = [added ? `新增 ${added} 个` : '', removed ? `移除 ${removed} 个` : ''].filter(Boolean);
  return parts.length ? <p data-files-change>佐证材料：{parts.join('，')}</p> : null;
}
