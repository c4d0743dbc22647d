import { signal } from '@preact/signals';

/** How often the connection is glanced at, where a browser does not fire `online` (headless Chromium after an offline reload). */
const CONNECTION_GLANCE_MS = 2_000;

/**
 * Whether the device is online, and what to do when the connection returns: told by the `online`
 * event or, where a browser does not fire it, seen by a glance every few seconds.
 */
export function watchConnection(onReturn: () => void) {
  const online = signal(navigator.onLine);
  const changed = () => {
    if (navigator.onLine === online.value) return;
    online.value = navigator.onLine;
    if (online.value) onReturn();
  };
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  setInterval(changed, CONNECTION_GLANCE_MS);
  return online;
}

/** The connection line at the top of the forms page. */
export const ConnectionLine = ({ online }: { online: boolean }) => (
  <p class={online ? 'notice' : 'notice error'} id="connection">{online ? '在线' : '离线：提交的内容保存在本机，联网后自动发送。'}</p>
);
