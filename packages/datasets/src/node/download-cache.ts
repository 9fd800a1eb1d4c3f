import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { ChecksumError } from "../errors";
import { type FetchFunction, fetchBytes } from "../fetch-bytes";
import { verifySha256 } from "../sha256";

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

export interface DownloadOptions {
  /** The cache folder; `false` downloads every time. Default `defaultCacheDir()`. */
  readonly cacheDir?: string | false;
  /** The expected SHA-256 of the bytes as served (hex). */
  readonly sha256?: string;
  readonly fetch?: FetchFunction;
}

/**
 * The bytes at `url`, from the cache folder when there, else downloaded and cached.
 * With `sha256`, a cached copy that does not match is downloaded again, and a download
 * that does not match throws a ChecksumError and is not cached. Writes go to a temporary
 * file first, then a rename, so an interrupted download never leaves a partial file.
 */
export async function cachedDownload(
  url: string,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  const { sha256, cacheDir = defaultCacheDir() } = options;
  const path = cacheDir === false ? undefined : cachePath(url, cacheDir);
  if (path !== undefined) {
    const cached = await readFile(path).catch(() => undefined);
    if (cached !== undefined) {
      const bytes = new Uint8Array(cached.buffer, cached.byteOffset, cached.byteLength);
      if (sha256 === undefined) return bytes;
      const fresh = await verifySha256(bytes, sha256, path).then(
        () => true,
        (error) => {
          if (error instanceof ChecksumError) return false;
          throw error;
        },
      );
      if (fresh) return bytes;
    }
  }
  const bytes = await fetchBytes(url, options.fetch);
  if (sha256 !== undefined) await verifySha256(bytes, sha256, url);
  if (path !== undefined && cacheDir !== false) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return bytes;
}
