/**
 * Offline use: a service worker (public/sw.js) serves the page's own files from the Cache
 * API when the network is gone, and the training worker caches MNIST itself
 * (worker/cached-fetch.ts). The page stores its files once loaded, so a reload works
 * offline from the first visit on. Only in the built site: in dev, Vite serves live modules.
 */
export const PAGE_CACHE = "backprop-demo-page-v1";

/** The page's own files it loaded: the document, scripts, styles and worker scripts (not MNIST). */
function ownFiles(): string[] {
  const origin = location.origin;
  const urls = new Set<string>([location.href.split("#")[0]]);
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name);
    if (url.origin === origin && !url.pathname.includes("/mnist/")) urls.add(url.href);
  }
  return [...urls];
}

/** Replaces the cached copies with this page's files (hashed names change with each build). */
async function storeOwnFiles(): Promise<void> {
  const cache = await caches.open(PAGE_CACHE);
  const files = ownFiles();
  const keep = new Set(files);
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
  await cache.addAll(files);
}

export function enableOffline(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator) || typeof caches === "undefined")
    return;
  navigator.serviceWorker.register(new URL("sw.js", document.baseURI)).catch((error: unknown) => {
    console.warn("offline use is off: the service worker did not register", error);
  });
  // After the workers have fetched their scripts, so every file is in the resource list.
  setTimeout(() => {
    storeOwnFiles().catch((error: unknown) => console.warn("offline use: caching failed", error));
  }, 3000);
}
