import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tinyImagesAndLabels } from "../../test/idx-fixtures";
import { type FileServer, serveFiles } from "../../test/serve-files";
import { ChecksumError, DatasetError } from "../errors";
import type { FetchFunction } from "../fetch-bytes";
import { sha256Hex } from "../sha256";
import { writeIdx } from "../write-idx";
import { cachedDownload, cachePath } from "./download-cache";
import { loadIdx, loadIdxDataset } from "./load-idx";

const pair = tinyImagesAndLabels([0, 1, 1]);
const imagesGz = gzipSync(writeIdx(pair.images));
const labels = writeIdx(pair.labels);
let server: FileServer;
let cacheDir: string;

beforeAll(async () => {
  server = await serveFiles({ "/fashion/images.gz": imagesGz, "/fashion/labels": labels });
});
afterAll(() => server.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), "datasets-cache-"));
  server.requests.length = 0;
  return () => rmSync(cacheDir, { recursive: true, force: true });
});

describe("loading from a URL with a cache folder", () => {
  it("downloads once, then reads the cached copy", async () => {
    const url = `${server.url}fashion/images.gz`;
    const first = await loadIdx(url, { cacheDir });
    const second = await loadIdx(url, { cacheDir });
    expect(server.requests).toEqual(["/fashion/images.gz"]);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    expect(existsSync(cachePath(url, cacheDir))).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([cachePath(url, cacheDir).slice(cacheDir.length + 1)]);
  });

  it("checks the digest: a mismatch throws and caches nothing", async () => {
    const url = `${server.url}fashion/images.gz`;
    const wrong = loadIdx(url, { cacheDir, sha256: "0".repeat(64) });
    await expect(wrong).rejects.toBeInstanceOf(ChecksumError);
    expect(readdirSync(cacheDir)).toEqual([]);
    await expect(
      loadIdx(url, { cacheDir, sha256: await sha256Hex(imagesGz) }),
    ).resolves.toMatchObject({ dims: [3, 2, 3] });
  });

  it("replaces a corrupt cached copy when the digest is known", async () => {
    const url = `${server.url}fashion/labels`;
    writeFileSync(cachePath(url, cacheDir), "garbage");
    const bytes = await cachedDownload(url, { cacheDir, sha256: await sha256Hex(labels) });
    expect(Array.from(bytes)).toEqual(Array.from(labels));
    expect(server.requests).toEqual(["/fashion/labels"]);
    expect(Array.from((await loadIdx(url, { cacheDir })).data)).toEqual([0, 1, 1]);
    expect(server.requests.length).toBe(1);
  });

  it("downloads every time with cacheDir false", async () => {
    const url = `${server.url}fashion/labels`;
    await cachedDownload(url, { cacheDir: false });
    await cachedDownload(url, { cacheDir: false });
    expect(server.requests.length).toBe(2);
  });

  it("loads a labelled data set from two URLs and reports a missing one", async () => {
    const sources = {
      images: `${server.url}fashion/images.gz`,
      labels: `${server.url}fashion/labels`,
    };
    const data = await loadIdxDataset(sources, { classes: 2, cacheDir });
    expect([data.length, data.classes]).toEqual([3, 2]);
    const missing = loadIdxDataset(
      { ...sources, labels: `${server.url}nope` },
      { classes: 2, cacheDir },
    );
    await expect(missing).rejects.toMatchObject({ code: "fetch", found: "404 Not Found" });
  });

  it("keeps URLs from different hosts or paths apart in the cache", () => {
    expect(cachePath("http://a.example/x/t.gz", "/c")).not.toBe(
      cachePath("http://b.example/x/t.gz", "/c"),
    );
    expect(cachePath("http://a.example/x/t.gz", "/c")).toMatch(/^\/c\/[0-9a-f]{16}-t\.gz$/);
  });
});

describe("simultaneous downloads of one URL in one process", () => {
  /** A fetch that answers after a turn of the event loop, counting its calls. */
  function countingFetch(body: Uint8Array, status = 200) {
    const calls: string[] = [];
    const fetch: FetchFunction = async (url) => {
      calls.push(url);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Response(body.slice(), { status });
    };
    return { fetch, calls };
  }

  it("20 at once share one fetch, all succeed, and leave only the cached file", async () => {
    const url = "http://data.example/fashion/images.gz";
    const { fetch, calls } = countingFetch(imagesGz);
    const all = await Promise.all(
      Array.from({ length: 20 }, () => cachedDownload(url, { cacheDir, fetch })),
    );
    expect(calls).toEqual([url]);
    for (const bytes of all) expect(Array.from(bytes)).toEqual(Array.from(imagesGz));
    all[1][0] = 0; // each caller has its own copy
    expect(all[2][0]).toBe(imagesGz[0]);
    expect(readdirSync(cacheDir)).toEqual([cachePath(url, cacheDir).slice(cacheDir.length + 1)]);
    const tensors = await Promise.all(
      Array.from({ length: 5 }, () => loadIdx(url, { cacheDir, fetch })),
    );
    expect(calls.length).toBe(1); // cached by now
    expect(tensors[4].dims).toEqual([3, 2, 3]);
  });

  it("without a cache folder too; each caller checks its own digest", async () => {
    const url = "http://data.example/labels";
    const { fetch, calls } = countingFetch(labels);
    const right = await sha256Hex(labels);
    const [plain, checked, wrong] = await Promise.allSettled([
      cachedDownload(url, { cacheDir: false, fetch }),
      cachedDownload(url, { cacheDir: false, fetch, sha256: right }),
      cachedDownload(url, { cacheDir: false, fetch, sha256: "0".repeat(64) }),
    ]);
    expect(calls.length).toBe(1);
    expect([plain.status, checked.status]).toEqual(["fulfilled", "fulfilled"]);
    expect(wrong.status === "rejected" && wrong.reason).toBeInstanceOf(ChecksumError);
  });

  it("a failed download fails every caller with the typed error, and the next call tries again", async () => {
    const url = "http://data.example/missing.gz";
    const { fetch, calls } = countingFetch(new Uint8Array(0), 404);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => cachedDownload(url, { cacheDir, fetch })),
    );
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect(result.status === "rejected" && result.reason).toBeInstanceOf(DatasetError);
    }
    expect(calls.length).toBe(1);
    await expect(cachedDownload(url, { cacheDir, fetch })).rejects.toMatchObject({
      code: "fetch",
      context: url,
    });
    expect(calls.length).toBe(2);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("passes timeoutMs and maxBytes to the download", async () => {
    const silent: FetchFunction = () => new Promise(() => undefined);
    await expect(
      cachedDownload("http://data.example/slow", { cacheDir, fetch: silent, timeoutMs: 10 }),
    ).rejects.toMatchObject({ code: "fetch", found: "no response in 10 ms" });
    const url = `${server.url}fashion/images.gz`;
    await expect(loadIdx(url, { cacheDir, maxBytes: 10 })).rejects.toMatchObject({
      code: "size-limit",
      context: url,
    });
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
