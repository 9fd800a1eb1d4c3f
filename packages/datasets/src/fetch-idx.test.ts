import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyImagesAndLabels } from "../test/idx-fixtures";
import { type FileServer, serveFiles } from "../test/serve-files";
import { ChecksumError, DatasetError } from "./errors";
import { fetchIdx, fetchIdxDataset } from "./fetch-idx";
import { sha256Hex } from "./sha256";
import { writeIdx } from "./write-idx";

// The browser entry's URL loading, run in Node against a local server (global fetch,
// DecompressionStream and Web Crypto are the same APIs a browser has).
const pair = tinyImagesAndLabels([1, 0, 2]);
const images = writeIdx(pair.images);
const labels = writeIdx(pair.labels);
let server: FileServer;

beforeAll(async () => {
  server = await serveFiles({
    "/images.idx": images,
    "/images.idx.gz": gzipSync(images),
    "/labels.idx": labels,
    "/bad-labels.idx": writeIdx({ type: "ubyte", dims: [3], data: Uint8Array.of(1, 0, 12) }),
  });
});
afterAll(() => server.close());

describe("fetchIdx", () => {
  it("fetches and parses plain and gzip files", async () => {
    for (const name of ["images.idx", "images.idx.gz"]) {
      const tensor = await fetchIdx(`${server.url}${name}`);
      expect(tensor.dims).toEqual([3, 2, 3]);
      expect(Array.from(tensor.data)).toEqual(Array.from(pair.images.data));
    }
  });

  it("checks the SHA-256 of the bytes as served", async () => {
    const gz = `${server.url}images.idx.gz`;
    const digest = await sha256Hex(gzipSync(images));
    await expect(fetchIdx(gz, { sha256: digest })).resolves.toMatchObject({ type: "ubyte" });
    const wrong = fetchIdx(gz, { sha256: "f".repeat(64) });
    await expect(wrong).rejects.toBeInstanceOf(ChecksumError);
  });

  it("turns a 404 or an unreachable server into a DatasetError", async () => {
    const missing = fetchIdx(`${server.url}missing.idx`);
    await expect(missing).rejects.toBeInstanceOf(DatasetError);
    await expect(fetchIdx(`${server.url}missing.idx`)).rejects.toThrow(
      "expected HTTP status 200, found 404 Not Found",
    );
    await expect(fetchIdx("http://127.0.0.1:1/x.idx")).rejects.toMatchObject({ code: "fetch" });
  });
});

describe("fetchIdxDataset", () => {
  it("pairs images and labels from two URLs", async () => {
    const data = await fetchIdxDataset(
      { images: `${server.url}images.idx.gz`, labels: `${server.url}labels.idx` },
      { classes: 3, sha256: { labels: await sha256Hex(labels) } },
    );
    expect([data.length, data.features, data.classes]).toEqual([3, 6, 3]);
    expect(Array.from(data.labels)).toEqual([1, 0, 2]);
  });

  it("checks each URL against its own sha256, and passes timeoutMs and maxBytes to both", async () => {
    const urls = { images: `${server.url}images.idx.gz`, labels: `${server.url}labels.idx` };
    const wrongImages = fetchIdxDataset(urls, { classes: 3, sha256: { images: "e".repeat(64) } });
    await expect(wrongImages).rejects.toMatchObject({ code: "checksum", context: urls.images });
    const silent = () => new Promise<Response>(() => undefined);
    await expect(
      fetchIdxDataset(urls, { classes: 3, fetch: silent, timeoutMs: 10 }),
    ).rejects.toMatchObject({ code: "fetch", found: "no response in 10 ms" });
    await expect(fetchIdxDataset(urls, { classes: 3, maxBytes: 20 })).rejects.toMatchObject({
      code: "size-limit",
    });
  });

  it("rejects a label outside the classes, naming the URL", async () => {
    const load = fetchIdxDataset(
      { images: `${server.url}images.idx`, labels: `${server.url}bad-labels.idx` },
      { classes: 10 },
    );
    await expect(load).rejects.toMatchObject({
      code: "label-range",
      context: `${server.url}bad-labels.idx, sample 2`,
    });
  });
});
