import { deflateSync } from "node:zlib";
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { pngFile, pngHeader } from "./image-fixtures";
import { decodePng } from "./png";

/** n samples of `depth` bits packed into rows of `width`, most significant bits first, as PNG packs them. */
function pack(values: number[], width: number, depth: number): Uint8Array {
  const rowBytes = Math.ceil((width * depth) / 8);
  const rows = values.length / width;
  const out = new Uint8Array(rows * rowBytes);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * rowBytes + (bit >> 3)] |= values[y * width + x] << (8 - depth - (bit & 7));
    }
  return out;
}

const width = 7; // not a multiple of 8: rows end mid-byte
const height = 5;
const n = width * height;

describe("PNG kinds the old decoder refused", () => {
  it.each([1, 2, 4])("decodes %i-bit grey, exact at every level", (depth) => {
    const max = 2 ** depth - 1;
    const values = Array.from({ length: n }, (_, i) => (i * 5) % (max + 1));
    const png = encode({
      width,
      height,
      depth: depth as 1 | 2 | 4,
      channels: 1,
      data: pack(values, width, depth),
    });
    const image = decodePng(png);
    expect(Array.from(image.pixels)).toEqual(values.map((v) => v / max));
  });

  it("decodes a 4-bit palette, and refuses an index past the palette", () => {
    const palette: [number, number, number][] = [
      [0, 0, 0],
      [255, 255, 255],
      [200, 100, 50],
    ];
    const indices = Array.from({ length: n }, (_, i) => i % 3);
    const png = encode({
      width,
      height,
      depth: 4,
      channels: 1,
      palette,
      data: pack(indices, width, 4),
    });
    const image = decodePng(png);
    const luma = ([r, g, b]: number[]) => (299 * r + 587 * g + 114 * b) / 255_000;
    expect(Array.from(image.pixels)).toEqual(indices.map((k) => luma(palette[k])));
    const beyond = encode({
      width,
      height,
      depth: 4,
      channels: 1,
      palette,
      data: pack(
        indices.map((k, i) => (i === 9 ? 7 : k)),
        width,
        4,
      ),
    });
    expect(() => decodePng(beyond)).toThrow(
      /pixel 2,1 of the PNG uses palette entry 7, but its palette \(PLTE\) has 3 colours/,
    );
  });

  it("decodes an interlaced (Adam7) PNG to the same pixels as the plain one", () => {
    const gray = Uint8Array.from({ length: n * 4 }, (_, i) => (i * 37) % 256);
    const plain = decodePng(encode({ width, height, depth: 8, channels: 4, data: gray }));
    const interlaced = decodePng(
      encode({ width, height, depth: 8, channels: 4, data: gray }, { interlace: "Adam7" }),
    );
    expect(Array.from(interlaced.pixels)).toEqual(Array.from(plain.pixels));
  });

  it("reads tRNS: a transparent palette entry is paper (white)", () => {
    const indices = Array.from({ length: n }, (_, i) => i % 2);
    const rows: number[] = [];
    for (let y = 0; y < height; y++) rows.push(0, ...indices.slice(y * width, (y + 1) * width));
    const png = pngFile([
      ["IHDR", pngHeader(width, height, 8, 3)],
      ["PLTE", Uint8Array.from([0, 0, 0, 0, 0, 0])], // two black entries
      ["tRNS", Uint8Array.from([255, 0])], // the second fully transparent
      ["IDAT", deflateSync(Uint8Array.from(rows))],
      ["IEND", new Uint8Array(0)],
    ]);
    const image = decodePng(png);
    expect(Array.from(image.pixels)).toEqual(indices.map((k) => (k === 1 ? 1 : 0)));
  });
});
