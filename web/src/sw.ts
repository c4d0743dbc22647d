/// <reference lib="webworker" />
/**
 * Keeps the pages on the phone: a form opens in a county with no signal. Pages and their hashed
 * scripts are cached at install; pages are fetched fresh when possible (a new release shows at
 * once) and from the cache when not. The API is never cached: figures and records are live.
 */
declare const __SHELL__: string[];
declare const __VERSION__: string;
declare const self: ServiceWorkerGlobalScope;

const CACHE = `xjc-shell-${__VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(__SHELL__)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('xjc-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.includes('/assets/')) {
    // Hashed names never change content: the cache is always right.
    event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
  } else if (event.request.mode === 'navigate' || path.endsWith('/config.json')) {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) void caches.open(CACHE).then((cache) => cache.put(event.request, response.clone()));
          return response;
        })
        // No answer and no copy (a page never opened here, or the sign-in domain's logout on the same
        // origin): the start page, which works offline, rather than the browser's error page.
        .catch(() => caches.match(event.request, { ignoreSearch: true })
          .then((hit) => hit ?? (event.request.mode === 'navigate' ? caches.match('./') : undefined))
          .then((hit) => hit ?? Response.error())),
    );
  }
});
