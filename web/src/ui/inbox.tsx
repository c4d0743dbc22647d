import { useEffect, useRef, useState } from 'preact/hooks';
import type { Call, InboxProps } from '../notices/call.ts';
import { browserEnvironment, pollUnread } from '../notices/poll.ts';

/**
 * 消息 in the header: the unread count, asked gently (notices/poll.ts), and the inbox itself
 * (notices/panel.tsx, loaded when first opened). This module is its own chunk, loaded after the page
 * starts, and it asks the API through the `call` the header gives it: importing the API's module here
 * would split the chunk every page loads first, and the dashboard's first view has no room for that.
 */

type Panel = (props: InboxProps) => preact.JSX.Element;
let loadedPanel: Panel | undefined;

/** Opens the inbox from elsewhere on the page (待我处理's unread notices); nothing before the header is drawn. */
export let openInbox = (): void => undefined;

/** The words a screen reader says for the button: the count is in them, the badge is for the eye. */
export const inboxLabel = (count: number | undefined) => (count ? `消息，${count} 条未读` : '消息');

/** Said on the window whenever the count is known anew, so 待我处理 keeps the header's number. */
export const UNREAD_EVENT = 'xjc:unread';

export function Inbox({ call }: { call: Call }) {
  const [count, setKnown] = useState<number>();
  const setCount = (n: number) => { setKnown(n); dispatchEvent(new CustomEvent(UNREAD_EVENT, { detail: n })); };
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState<Panel | 'failed' | undefined>(() => loadedPanel);
  const button = useRef<HTMLButtonElement>(null);
  const poll = useRef<{ now(): void }>(undefined);
  useEffect(() => {
    const ask = async () => {
      const answer = await call<{ count: number }>('/notices/unread');
      if (answer.status !== 200) throw new Error(`unread: ${answer.status}`);
      return answer.body.count;
    };
    const polling = pollUnread(ask, setCount, browserEnvironment());
    poll.current = polling;
    openInbox = () => setOpen(true);
    return polling.stop;
  }, []);
  useEffect(() => {
    if (open && !loadedPanel) import('../notices/panel.tsx').then((m) => { loadedPanel = m.InboxPanel; setPanel(() => m.InboxPanel); }, () => setPanel('failed'));
  }, [open]);
  const close = () => { setOpen(false); button.current?.focus(); };
  const Panel = typeof panel === 'function' ? panel : undefined;
  return (
    <>
      <button type="button" ref={button} class="inbox-button" aria-expanded={open} aria-controls="inbox" aria-label={inboxLabel(count)} onClick={() => setOpen(!open)}>
        消息{count ? <span class="badge" aria-hidden="true">{count > 99 ? '99+' : count}</span> : null}
      </button>
      {open && (Panel
        ? <Panel call={call} onClose={close} onCount={(n) => (n === undefined ? poll.current?.now() : setCount(n))} />
        : <div class="inbox-panel" id="inbox" role="status">{panel ? '消息无法加载，请检查网络后重试。' : '正在加载消息…'}</div>)}
    </>
  );
}
