import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { ChecksumError, DatasetError } from "../errors";
import { type FetchBytesOptions, fetchBytes } from "../fetch-bytes";
import { checkMaxBytes, DEFAULT_MAX_BYTES } from "../limits";
import { verifySha256 } from "../sha256";
import { readFileWithin } from "./read-within";

/** $XDG_CACHE_HOME/backprop/datasets, or ~/.cache/backprop/datasets. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "backprop", "datasets");
}

/** Where `url` is cached: a hash of the whole URL (no collisions between hosts) and its file name. */
export function cachePath(url: string, cacheDir: string = defaultCacheDir()): string {
  const hash = createHash("sha256").update(url).digest("hex").slice(0, 16);
  const name = new URL(url).pathname.split("/").pop() || "download";
  return join(cacheDir, `${hash}-${name.replace(/[^\w.-]/g, "_")}`);
}

/** How {@link cachedDownload} fetches (timeouts, size limit), caches and checks a file. */
export interface DownloadOptions extends FetchBytesOptions {
  /** The cache folder; `false` downloads every time. Default `defaultCacheDir()`. */
  readonly cacheDir?: string | false;
  /** The expected SHA-256 of the bytes as served (hex). */
  readonly sha256?: string;
}

/**
 * Downloads under way in this process, by cache path (by URL without a cache): a second
 * caller for the same file waits for the first download instead of starting its own.
 */
const inFlight = new Map<string, Promise<Uint8Array>>();

/**
 * The bytes at `url`, from the cache folder when there, else downloaded and cached.
 * With `sha256`, a cached copy that does not match is downloaded again, and a download
 * that does not match throws a ChecksumError and is not cached. Writes go to a temporary
 * file first, then a rename, so an interrupted download never leaves a partial file.
 * Simultaneous calls for one URL in one process share one download (each gets its own
 * copy of the bytes); `timeoutMs` and `maxBytes` (also the largest cached copy read) are
 * those of `fetchBytes`.
 */
export async function cachedDownload(
  url: string,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  const { sha256, cacheDir = defaultCacheDir() } = options;
  const path = cacheDir === false ? undefined : cachePath(url, cacheDir);
  if (path !== undefined) {
    const cached = await readCached(path, sha256, options.maxBytes);
    if (cached !== undefined) return cached;
  }
  const key = path ?? url;
  const running = inFlight.get(key);
  if (running !== undefined) {
    const bytes = (await running).slice();
    if (sha256 !== undefined) await verifySha256(bytes, sha256, url);
    return bytes;
  }
  const download = downloadAndStore(url, path, options);
  inFlight.set(key, download);
  try {
    return await download;
  } finally {
    inFlight.delete(key);
  }
}

/** The cached copy, if there is one and it matches `sha256` (when given). */
async function readCached(path: string, sha256: string | undefined, maxBytes: number | undefined) {
  const limit = checkMaxBytes(maxBytes, "cachedDownload", DEFAULT_MAX_BYTES);
  // Unreadable or missing: download it again. Too large for maxBytes: say so.
  const bytes = await readFileWithin(path, limit).catch((error) => {
    if (error instanceof DatasetError) throw error;
    return undefined;
  });
  if (bytes === undefined || sha256 === undefined) return bytes;
  return verifySha256(bytes, sha256, path).then(
    () => bytes,
    (error) => {
      if (error instanceof ChecksumError) return undefined;
      throw error;
    },
  );
}

async function downloadAndStore(url: string, path: string | undefined, options: DownloadOptions) {
  const bytes = await fetchBytes(url, options);
  if (options.sha256 !== undefined) await verifySha256(bytes, options.sha256, url);
  if (path !== undefined) await store(path, bytes);
  return bytes;
}

async function store(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Unique per call, not per process and millisecond: two writers of one file must never
  // share a temporary file, or the first rename takes the second one's away.
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
