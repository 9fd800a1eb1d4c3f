// The demo's service worker: network first for the page's own files, the Cache API when the
// network is gone (the page stores its files there once loaded: src/offline.ts). MNIST is
// cached by the training worker itself (src/worker/cached-fetch.ts), so it is left alone here.
const PAGE_CACHE = "backprop-demo-page-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.includes("/mnist/")) return;
  event.respondWith(
    fetch(request).catch(async () => {
      const cache = await caches.open(PAGE_CACHE);
      // ignoreVary: the page stored these without the Origin header that module scripts send.
      const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      throw new Error(`offline, and ${url.pathname} is not cached`);
    }),
  );
});
