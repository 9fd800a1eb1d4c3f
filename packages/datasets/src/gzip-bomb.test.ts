import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipBomb, idxHeader } from "../test/gzip-bomb";
import { IdxFormatError } from "./errors";
import { gunzip } from "./gzip";
import type { IdxTensor } from "./idx-types";
import { loadIdxBytes } from "./node/load-idx";
import { parseIdxFile } from "./parse-idx-file";
import { writeIdx } from "./write-idx";

// Decompression bombs: small gzip files that inflate to 1 GiB. Both gzip paths (the
// browser's DecompressionStream, Node's zlib) must refuse them with a typed error, having
// inflated no more than the file's header allows. Memory is asserted, time only reported:
// the machine is shared and noisy.
const MiB = 2 ** 20;
const paths: [string, (bytes: Uint8Array, maxBytes?: number) => Promise<IdxTensor>][] = [
  ["DecompressionStream (parseIdxFile)", (bytes, maxBytes) => parseIdxFile(bytes, { maxBytes })],
  ["zlib (loadIdxBytes)", (bytes, maxBytes) => loadIdxBytes(bytes, { maxBytes })],
];

// Built once (each takes a CRC over 1 GiB of zeros, about 0.2 s); each is about 1 MB.
const TEN_IMAGES = gzipBomb(idxHeader(0x08, [10, 28, 28]), 1024);
const MNIST_SIZED = gzipBomb(idxHeader(0x08, [60000, 28, 28]), 1024);
const NOT_IDX = gzipBomb(Uint8Array.of(0x50, 0x4b, 3, 4), 1024); // a zip file's magic number
const ZEROS = gzipBomb(new Uint8Array(0), 1024);

/** The error `action` rejects with, the growth of peak RSS and of array buffers, and the time. */
async function measure(action: () => Promise<unknown>) {
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const start = performance.now();
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = Math.round(performance.now() - start);
  const after = process.memoryUsage();
  return {
    error,
    peakGrowth: process.resourceUsage().maxRSS * 1024 - peakBefore,
    rssGrowth: after.rss - before.rss,
    buffersGrowth: after.arrayBuffers - before.arrayBuffers,
    ms,
  };
}

function expectSmallGrowth(result: Awaited<ReturnType<typeof measure>>, bound = 100 * MiB) {
  const report = `peak RSS +${(result.peakGrowth / MiB).toFixed(1)} MiB, RSS +${(result.rssGrowth / MiB).toFixed(1)} MiB, array buffers +${(result.buffersGrowth / MiB).toFixed(1)} MiB in ${result.ms} ms`;
  expect(result.peakGrowth, report).toBeLessThan(bound);
  expect(result.rssGrowth, report).toBeLessThan(bound);
  expect(result.buffersGrowth, report).toBeLessThan(bound);
}

describe.each(paths)("gzip bombs through %s", (_, parse) => {
  it("a header declaring 10 images followed by 1 GiB of zeros stops after the 10", async () => {
    expect(TEN_IMAGES.length).toBeLessThan(2 * MiB);
    const result = await measure(() => parse(TEN_IMAGES));
    expect(result.error).toBeInstanceOf(IdxFormatError);
    expect(result.error).toMatchObject({
      code: "idx-trailing-bytes",
      found: "more than 7856 bytes after decompression (stopped there)",
    });
    expectSmallGrowth(result);
  });

  it("MNIST's 60000×28×28 header followed by 1 GiB of zeros stops at the 47 MB it declares", async () => {
    const result = await measure(() => parse(MNIST_SIZED));
    expect(result.error).toMatchObject({ name: "IdxFormatError", code: "idx-trailing-bytes" });
    expectSmallGrowth(result);
  });

  it("a header declaring more than maxBytes fails before its values are inflated", async () => {
    // 60000×28×28×100 doubles: 3.8 GB, over the default 1 GiB.
    const huge = await measure(() => parse(gzipBomb(idxHeader(0x0e, [60000, 28, 28, 100]), 64)));
    expect(huge.error).toMatchObject({ name: "IdxFormatError", code: "size-limit" });
    expect((huge.error as Error).message).toContain("pass a larger maxBytes");
    expectSmallGrowth(huge, 20 * MiB);
    // The limit is the caller's: a small one refuses a small file, a larger one accepts it.
    const tensor: IdxTensor = { type: "ubyte", dims: [4, 4], data: new Uint8Array(16).fill(1) };
    const gz = gzipSync(writeIdx(tensor));
    await expect(parse(gz, 27)).rejects.toMatchObject({ code: "size-limit" });
    await expect(parse(gz, 28)).resolves.toMatchObject({ dims: [4, 4] });
  });

  it("dimensions whose product passes 2⁵³ are refused, not rounded or NaN", async () => {
    const overflow = idxHeader(0x08, [0xffffffff, 0xffffffff, 0xffffffff]);
    const error = await parse(gzipSync(overflow), Infinity).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "IdxFormatError", code: "size-limit" });
    expect((error as IdxFormatError).found).toContain("more than 2⁵³ bytes");
  });

  it("a stream that is not IDX stops at its first 4 bytes", async () => {
    const result = await measure(() => parse(NOT_IDX));
    expect(result.error).toMatchObject({ name: "IdxFormatError", code: "idx-magic" });
    expectSmallGrowth(result);
  });
});

describe("gunzip (any gzip data)", () => {
  it("stops at maxBytes of output with a typed error", async () => {
    const result = await measure(() => gunzip(ZEROS, "bomb.gz", { maxBytes: 8 * MiB }));
    expect(result.error).toMatchObject({
      name: "IdxFormatError",
      code: "size-limit",
      context: "bomb.gz",
    });
    expectSmallGrowth(result);
    const small = await gunzip(gzipBomb(Uint8Array.of(1, 2), 1), "ok.gz", { maxBytes: MiB + 2 });
    expect([small.length, small[0], small[1], small[MiB + 1]]).toEqual([MiB + 2, 1, 2, 0]);
  });
});
