import { useEffect, useState } from 'preact/hooks';
import { openInbox, UNREAD_EVENT } from '../../ui/inbox.tsx';
import { send } from '../data.ts';
import { toDoOf, type Waiting } from '../to-do.ts';
import { useLoad } from './common.tsx';

/** The caller's unread notices (0 when the count cannot be had: the rest of 待我处理 still shows). */
export async function unreadCount(): Promise<number> {
  const answer = await send<{ count: number }>('/notices/unread').catch(() => undefined);
  return answer?.ok ? answer.value.count : 0;
}

/** 待我处理 at the top of a head's 我的填报 and the staff's 工作台: each thing one click from acting on it. */
export function ToDoList({ waiting }: { waiting: Waiting }) {
  // The header's count, as notices are read there (or arrive), replaces the one asked at load.
  const [unread, setUnread] = useState(waiting.unread);
  useEffect(() => {
    const follow = (event: Event) => { if (event instanceof CustomEvent && typeof event.detail === 'number') setUnread(event.detail); };
    addEventListener(UNREAD_EVENT, follow);
    return () => removeEventListener(UNREAD_EVENT, follow);
  }, []);
  const items = toDoOf({ ...waiting, unread });
  return (
    <section class="card to-do" aria-labelledby="to-do-title" data-to-do>
      <h3 id="to-do-title">待我处理</h3>
      {items.length === 0 ? <p class="hint">暂无待处理事项。</p> : (
        <ul class="tiles">
          {items.map((item) => {
            const inner = <><strong class="count">{item.count.toLocaleString('zh-CN')}</strong><span>{item.label}</span></>;
            const tone = `tile attention${item.light ? ` light-tile light-${item.light}` : ''}`;
            return (
              <li key={item.key} data-to-do-item={item.key}>
                {item.href ? <a class={tone} href={item.href}>{inner}</a> : <button type="button" class={tone} onClick={() => openInbox()}>{inner}</button>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * 待我处理 with what the view already knows (`known`: undefined while it loads) and what `more` asks
 * once, beside the unread notices; shown when both are in.
 */
export function ToDoSection({ known, more }: { known?: Partial<Waiting>; more?: () => Promise<Partial<Waiting>> }) {
  const loaded = useLoad(async () => {
    const [extra, unread] = await Promise.all([more ? more() : {}, unreadCount()]);
    return { ...extra, unread };
  }, []);
  if (!known || loaded.state.status !== 'ok') return null;
  return <ToDoList waiting={{ red: 0, yellow: 0, pendingSuggestions: 0, ...loaded.state.value, ...known }} />;
}
