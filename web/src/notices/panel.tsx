import { useEffect, useRef, useState } from 'preact/hooks';
import type { Notice } from '#schemas/notices.ts';
import { beijingDateTime } from '#schemas/time.ts';
import type { InboxProps } from './call.ts';
import { noticeHref } from './link.ts';

/**
 * 消息, opened: the person's newest notices (unread marked), each opening what it is about and read
 * as it is opened; 全部标为已读; 更多 for older ones. Loaded as its own chunk when first opened.
 */
const PAGE = 10;

interface Shown {
  items: Notice[];
  nextCursor: string | null;
}

export function InboxPanel({ call, onCount, onClose }: InboxProps) {
  const [shown, setShown] = useState<Shown>();
  const [trouble, setTrouble] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (cursor: string | null) => {
    setBusy(true);
    try {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (cursor) query.set('cursor', cursor);
      const answer = await call<Shown>(`/notices?${query}`);
      if (answer.status !== 200) throw new Error(String(answer.status));
      setShown((before) => ({ items: [...(cursor ? before?.items ?? [] : []), ...answer.body.items], nextCursor: answer.body.nextCursor }));
      setTrouble('');
    } catch {
      setTrouble('消息未能加载，请检查网络后重试。');
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    heading.current?.focus();
    void load(null);
  }, []);

  const markRead = async (ids?: string[]) => {
    const answer = await call('/notices/read', ids ? { ids } : {});
    if (answer.status !== 204) throw new Error(String(answer.status));
  };

  const open = async (event: MouseEvent, notice: Notice) => {
    event.preventDefault();
    const href = noticeHref(notice.subject);
    // Read before leaving: a page left mid-request may drop it. Offline, the link still opens.
    if (!notice.readAt) await markRead([notice.id]).then(() => onCount(), () => undefined);
    onClose();
    location.assign(href);
  };

  const readAll = async () => {
    try {
      await markRead();
      const now = new Date().toISOString();
      setShown((before) => before && { ...before, items: before.items.map((n) => ({ ...n, readAt: n.readAt ?? now })) });
      onCount(0);
    } catch {
      setTrouble('未能全部标为已读，请稍后重试。');
    }
  };

  const unread = shown?.items.some((n) => !n.readAt);
  return (
    <section class="inbox-panel" id="inbox" aria-labelledby="inbox-title" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div class="inbox-head">
        <h2 id="inbox-title" tabIndex={-1} ref={heading}>消息</h2>
        {unread && <button type="button" class="link" onClick={() => void readAll()}>全部标为已读</button>}
        <button type="button" class="link" onClick={onClose}>关闭</button>
      </div>
      {trouble && <p class="notice error" role="alert">{trouble}</p>}
      {!shown && !trouble && <p role="status">正在加载消息…</p>}
      {shown && shown.items.length === 0 && <p class="hint">暂无消息。</p>}
      {shown && shown.items.length > 0 && (
        <ul class="inbox-list">
          {shown.items.map((n) => (
            <li key={n.id} class={n.readAt ? 'read' : 'unread'} data-notice={n.id}>
              <a href={noticeHref(n.subject)} onClick={(e) => void open(e, n)}>
                <strong>{!n.readAt && <span class="unread-mark">未读</span>}{n.title}</strong>
                <span class="notice-body">{n.body}</span>
                <time dateTime={n.createdAt}>{beijingDateTime(n.createdAt)}</time>
              </a>
            </li>
          ))}
        </ul>
      )}
      {shown?.nextCursor && <button type="button" disabled={busy} onClick={() => void load(shown.nextCursor)}>更多</button>}
    </section>
  );
}
