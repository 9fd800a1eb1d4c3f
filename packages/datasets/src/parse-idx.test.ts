import { gzipSync } from "node:zlib";
import { Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { ALL_TYPES, randomTensor } from "../test/idx-fixtures";
import { IdxFormatError } from "./errors";
import { gunzip, isGzip } from "./gzip";
import { parseIdx } from "./parse-idx";
import { parseIdxFile } from "./parse-idx-file";
import { writeIdx } from "./write-idx";

const SHAPES = [[7], [3, 5], [2, 3, 4], [2, 1, 3, 2]];

function expectIdxError(action: () => unknown, code: string, found: string | RegExp) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as IdxFormatError).code).toBe(code);
    expect((error as IdxFormatError).found).toMatch(found);
    return error as IdxFormatError;
  }
  throw new Error(`expected an IdxFormatError with code ${code}`);
}

describe("parseIdx / writeIdx round trip", () => {
  const rng = new Rng(4);
  for (const type of ALL_TYPES) {
    for (const dims of SHAPES) {
      it(`${type}, ${dims.length} dimension(s) ${dims.join("×")}, plain and gzip`, async () => {
        const tensor = randomTensor(type, dims, rng);
        const bytes = writeIdx(tensor);
        for (const input of [bytes, await gunzip(gzipSync(bytes))]) {
          const back = parseIdx(input);
          expect(back.type).toBe(type);
          expect(back.dims).toEqual(dims);
          expect(back.data.constructor).toBe(tensor.data.constructor);
          expect(Array.from(back.data)).toEqual(Array.from(tensor.data));
        }
      });
    }
  }

  it("writes the header big-endian: magic 00 00 type rank, then the sizes", () => {
    const bytes = writeIdx({ type: "short", dims: [2, 258], data: new Int16Array(516) });
    expect(Array.from(bytes.subarray(0, 12))).toEqual([0, 0, 0x0b, 2, 0, 0, 0, 2, 0, 0, 1, 2]);
    const one = writeIdx({ type: "int", dims: [1], data: Int32Array.of(0x01020304) });
    expect(Array.from(one.subarray(8))).toEqual([1, 2, 3, 4]);
  });

  it("returns ubyte data as a view of the input (no copy) and accepts an ArrayBuffer", () => {
    const bytes = writeIdx({ type: "ubyte", dims: [3], data: Uint8Array.of(1, 2, 3) });
    expect(parseIdx(bytes).data.buffer).toBe(bytes.buffer);
    expect(Array.from(parseIdx(bytes.slice().buffer).data)).toEqual([1, 2, 3]);
  });

  it("isGzip recognises gzip data", () => {
    const bytes = writeIdx({ type: "ubyte", dims: [1], data: Uint8Array.of(9) });
    expect(isGzip(bytes)).toBe(false);
    expect(isGzip(gzipSync(bytes))).toBe(true);
  });
});

describe("parseIdx rejects bad input with a typed error", () => {
  const good = writeIdx({ type: "float", dims: [2, 3], data: new Float32Array(6) });

  it("a wrong magic number", () => {
    const bad = good.slice();
    bad[0] = 0x12;
    const error = expectIdxError(() => parseIdx(bad), "idx-magic", "12 00 0d 02");
    expect(error.expected).toContain("00 00");
    expect(error.message).toContain("not an IDX file");
  });

  it("gzip bytes that were not decompressed, with the fix in the message", () => {
    const error = expectIdxError(() => parseIdx(gzipSync(good)), "idx-magic", /^1f 8b/);
    expect(error.message).toContain("gzip data: decompress it first");
  });

  it("an unknown element type", () => {
    const bad = good.slice();
    bad[2] = 0x0a;
    const error = expectIdxError(() => parseIdx(bad, "x.idx"), "idx-type", "0x0a");
    expect(error.expected).toContain("0x08 (ubyte)");
    expect(error.message.startsWith("x.idx: ")).toBe(true);
  });

  it("zero dimensions", () => {
    expectIdxError(() => parseIdx(Uint8Array.of(0, 0, 8, 0)), "idx-dimensions", "0");
  });

  it("a file shorter than its magic number or header", () => {
    expectIdxError(() => parseIdx(Uint8Array.of(0, 0)), "idx-truncated", "2 bytes");
    expectIdxError(() => parseIdx(good.subarray(0, 9)), "idx-truncated", "9 bytes");
  });

  it("truncated data, naming the expected and found sizes", () => {
    const error = expectIdxError(
      () => parseIdx(good.subarray(0, good.length - 1)),
      "idx-truncated",
      "35 bytes",
    );
    expect(error.expected).toBe("36 bytes (header 12 + 2×3 float values)");
  });

  it("bytes beyond what the header describes", () => {
    const longer = new Uint8Array(good.length + 4);
    longer.set(good);
    expectIdxError(() => parseIdx(longer), "idx-trailing-bytes", "40 bytes");
  });

  it("a truncated gzip stream", async () => {
    const gz = gzipSync(good);
    await expect(gunzip(gz.subarray(0, gz.length - 10), "x.gz")).rejects.toMatchObject({
      name: "IdxFormatError",
      code: "gzip",
      context: "x.gz",
    });
  });
});

describe("writeIdx checks its input", () => {
  it("the array type must match the element type", () => {
    expect(() => writeIdx({ type: "float", dims: [1], data: new Float64Array(1) })).toThrow(
      'type "float" needs a Float32Array, got a Float64Array',
    );
  });

  it("the dimensions must hold exactly the data", () => {
    expect(() => writeIdx({ type: "ubyte", dims: [2, 2], data: new Uint8Array(3) })).toThrow(
      "dims 2×2 hold 4 values, but data has 3",
    );
    expect(() => writeIdx({ type: "ubyte", dims: [], data: new Uint8Array(1) })).toThrow(
      RangeError,
    );
  });
});

describe("parseIdx and parseIdxFile: hostile headers", () => {
  /** A header of `rank` sizes, all `size`, for ubyte values, and nothing after it. */
  function header(rank: number, size: number): Uint8Array {
    const bytes = new Uint8Array(4 + 4 * rank);
    bytes[2] = 0x08;
    bytes[3] = rank;
    const view = new DataView(bytes.buffer);
    for (let k = 0; k < rank; k++) view.setUint32(4 + 4 * k, size, false);
    return bytes;
  }

  it("255 dimensions of 2³² − 1 then a 0: a typed error, never a NaN-sized array", async () => {
    const bytes = header(255, 0xffffffff);
    new DataView(bytes.buffer).setUint32(4 + 4 * 254, 0, false); // product 0, or NaN in floats
    const zero = parseIdx(bytes);
    expect([zero.dims.length, zero.data.length]).toEqual([255, 0]);
    bytes[4 + 4 * 254 + 3] = 1; // now the product is 2³²·²⁵⁴: far past 2⁵³
    expectIdxError(() => parseIdx(bytes), "idx-truncated", `${bytes.length} bytes`);
    await expect(parseIdxFile(gzipSync(bytes), { maxBytes: Infinity })).rejects.toMatchObject({
      code: "size-limit",
      expected: "a file shorter than 2⁵³ bytes",
    });
  });

  it("maxBytes bounds a complete file too, so every path accepts the same files", async () => {
    const bytes = writeIdx({ type: "int", dims: [4], data: Int32Array.of(1, 2, 3, 4) });
    expect(bytes.length).toBe(24);
    const error = expectIdxError(() => parseIdx(bytes, "x", { maxBytes: 23 }), "size-limit", /24/);
    expect(error.message).toContain("pass a larger maxBytes");
    expect(parseIdx(bytes, "x", { maxBytes: 24 }).dims).toEqual([4]);
    expect(() => parseIdx(bytes, "x", { maxBytes: 0 })).toThrow(RangeError);
    for (const input of [bytes, gzipSync(bytes)]) {
      await expect(parseIdxFile(input, { maxBytes: 23 })).rejects.toMatchObject({
        code: "size-limit",
      });
      const tensor = await parseIdxFile(input, { source: "y", maxBytes: 24 });
      expect(Array.from(tensor.data)).toEqual([1, 2, 3, 4]);
    }
  });

  it("parseIdxFile names the source and reports a broken gzip stream as code gzip", async () => {
    const gz = gzipSync(writeIdx({ type: "ubyte", dims: [3], data: Uint8Array.of(1, 2, 3) }));
    await expect(
      parseIdxFile(gz.subarray(0, gz.length - 3), { source: "a.gz" }),
    ).rejects.toMatchObject({ name: "IdxFormatError", code: "gzip", context: "a.gz" });
    const short = gzipSync(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 9, 1, 2));
    await expect(parseIdxFile(short)).rejects.toMatchObject({ code: "idx-truncated" });
  });
});
