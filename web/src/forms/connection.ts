import { h } from '../dom.ts';

/** How often the connection is glanced at, where a browser does not fire `online` (headless Chromium after an offline reload). */
const CONNECTION_GLANCE_MS = 2_000;

/**
 * The connection notice, and what to do when the connection returns: told by the `online` event or,
 * where a browser does not fire it, seen by a glance every few seconds.
 */
export function watchConnection(onReturn: () => void): HTMLElement {
  const notice = h('p', { class: 'notice', id: 'connection' });
  const show = () => {
    notice.textContent = navigator.onLine ? '在线' : '离线：提交的内容保存在本机，联网后自动发送。';
    notice.className = navigator.onLine ? 'notice' : 'notice error';
  };
  let wasOnline = navigator.onLine;
  const changed = () => {
    if (navigator.onLine === wasOnline) return;
    wasOnline = navigator.onLine;
    show();
    if (wasOnline) onReturn();
  };
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  setInterval(changed, CONNECTION_GLANCE_MS);
  show();
  return notice;
}
