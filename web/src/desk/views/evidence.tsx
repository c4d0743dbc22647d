import type { AttachmentRef, AttachmentView } from '#schemas/attachment.ts';
import { ATTACHMENT_FLAGS, ATTACHMENT_STATUSES } from '#schemas/attachment-words.ts';
import { ApiError } from '../../api.ts';
import { send } from '../data.ts';
import { Loading, Trouble, useLoad } from './common.tsx';

/**
 * A record's evidence (佐证材料) on the desk: each attachment as the API answers for it (`GET
 * /attachments/{id}`, a 10-minute download): photos small and loaded lazily, opening the full image;
 * PDFs as a download; the capture time the server read from the file, and its flags in the words of
 * the API's schema (照片没有拍摄时间, 拍摄日期与记录日期相差两天以上, 拍摄地点不在青海省).
 */
/** `2026-11-20T10:31:05+08:00` → `2026-11-20 10:31`, on the photo's own clock (as the forms show it). */
const timeText = (capturedAt: string) => capturedAt.slice(0, 16).replace('T', ' ');

export function EvidenceSection({ record }: { record: { id: string; version: number; attachments?: unknown } }) {
  const refs = (Array.isArray(record.attachments) ? record.attachments : []) as AttachmentRef[];
  const loaded = useLoad(() => Promise.all(refs.map(async (ref) => {
    const answer = await send<AttachmentView>(`/attachments/${ref.id}`);
    if (!answer.ok) throw new ApiError(answer.problem);
    return answer.value;
  })), [record.id, record.version]);
  const flagged = loaded.state.status === 'ok' ? loaded.state.value.filter((a) => a.flags.length > 0).length : 0;
  return (
    <section class="card evidence-section" aria-labelledby="evidence-title">
      <h3 id="evidence-title">佐证材料{refs.length > 0 && <small>{refs.length} 个{flagged > 0 ? ` · ${flagged} 个有提示` : ''}</small>}</h3>
      {refs.length === 0 ? <p class="hint">无</p>
        : loaded.state.status === 'loading' ? <Loading what="佐证材料" />
        : loaded.state.status === 'error' ? <Trouble error={loaded.state.error} retry={loaded.reload} />
        : (
          <ul class="evidence-grid">
            {loaded.state.value.map((item, i) => <Attachment key={item.id} item={item} caption={refs[i]?.caption} index={i} />)}
          </ul>
        )}
    </section>
  );
}

/** One attachment; `fresh`: added since the record was returned (marked 新增). */
export function Attachment({ item, caption, index, fresh }: { item: AttachmentView; caption?: string; index: number; fresh?: boolean }) {
  const url = item.download?.url;
  const pdf = item.contentType === 'application/pdf';
  const name = caption ?? `佐证材料 ${index + 1}`;
  return (
    <li data-attachment={item.id} data-status={item.status} data-flags={item.flags.join(' ')}>
      {item.status !== 'stored' || !url ? <span class="evidence-thumb doc" aria-hidden="true">{pdf ? 'PDF' : '图片'}</span>
        : pdf ? <span class="evidence-thumb doc" aria-hidden="true">PDF</span>
        : <a href={url} target="_blank" rel="noopener" class="evidence-open"><img src={url} loading="lazy" alt={`${name}（点击查看原图）`} width={160} height={120} /></a>}
      <div class="evidence-about">
        {fresh && <span class="badge fresh" data-fresh>新增</span>}
        {caption ? <strong>{caption}</strong> : <span class="hint">{pdf ? 'PDF 文件' : '照片'}（无说明）</span>}
        {item.status !== 'stored' && <span class={item.status === 'rejected' ? 'error-text' : 'hint'} data-status-text>{ATTACHMENT_STATUSES[item.status]}{item.status === 'pending' ? '：尚未收到文件' : ''}</span>}
        {pdf && url && <a href={url} data-download>下载 PDF</a>}
        {!pdf && item.capturedAt && <span class="hint" data-captured>拍摄于 {timeText(item.capturedAt)}</span>}
        {item.flags.length > 0 && (
          <ul class="flags" aria-label="提示">
            {item.flags.map((flag) => <li key={flag} class="badge flag" data-flag={flag}>{ATTACHMENT_FLAGS[flag]}</li>)}
          </ul>
        )}
      </div>
    </li>
  );
}
