/**
 * How gently the header asks for the unread count (`GET /notices/unread`): once at the start, when
 * the page is seen again, when the connection returns, and every few minutes while it is shown —
 * never offline (the forms page works without signal and must not spend its retries on this), and
 * never twice at once. No Preact here: the header's part stays tiny on every page.
 */
export const POLL_EVERY_MS = 3 * 60_000;

export interface PollEnvironment {
  online(): boolean;
  visible(): boolean;
  /** Calls `listener` on 'visibilitychange' and 'online'; returns how to stop. */
  onWake(listener: () => void): () => void;
  every(ms: number, tick: () => void): () => void;
}

/** The browser's own: `navigator.onLine`, `document.visibilityState`, its events and `setInterval`. */
export const browserEnvironment = (): PollEnvironment => ({
  online: () => navigator.onLine,
  visible: () => document.visibilityState !== 'hidden',
  onWake(listener) {
    document.addEventListener('visibilitychange', listener);
    addEventListener('online', listener);
    return () => { document.removeEventListener('visibilitychange', listener); removeEventListener('online', listener); };
  },
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
});

/** Starts asking; `ask` gives the count (or throws: the last count stays); returns how to stop. */
export function pollUnread(ask: () => Promise<number>, onCount: (count: number) => void, env: PollEnvironment): { now(): void; stop(): void } {
  let asking = false;
  let stopped = false;
  const now = () => {
    if (stopped || asking || !env.online() || !env.visible()) return;
    asking = true;
    ask().then((count) => { if (!stopped) onCount(count); }, () => undefined).finally(() => { asking = false; });
  };
  const stops = [env.onWake(now), env.every(POLL_EVERY_MS, now)];
  now();
  return { now, stop: () => { stopped = true; for (const stop of stops) stop(); } };
}
