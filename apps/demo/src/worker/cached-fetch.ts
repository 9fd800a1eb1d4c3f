/**
 * Fetch through the Cache API, cache first: MNIST's files never change, so after the first
 * visit the worker reads them from the browser's cache, also offline. Where the Cache API
 * is missing (an insecure origin), it is a plain fetch.
 */
export const DATA_CACHE = "backprop-demo-data-v1";

export async function cachedFetch(url: string): Promise<Response> {
  if (typeof caches === "undefined") return fetch(url);
  const cache = await caches.open(DATA_CACHE);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(url);
  if (response.ok) await cache.put(url, response.clone());
  return response;
}
