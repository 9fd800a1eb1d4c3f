import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkImageSize, ImageFormatError, MAX_IMAGE_PIXELS } from "./gray-image";
import { encodePgm, encodePng, pngFile, pngHeader } from "./image-fixtures";
import { decodePgm } from "./pgm";
import { decodePng } from "./png";

const MB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);

/** The error `decode` throws; fails the test if it returns or throws anything else. */
function failure(decode: () => unknown): ImageFormatError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageFormatError);
    return error as ImageFormatError;
  }
  throw new Error("expected an ImageFormatError, the image decoded");
}

/**
 * The error `decode` throws and how much memory (rss, array buffers) grew while it ran: a
 * hostile header must fail before the big allocation, not after it.
 */
function failureAndGrowth(decode: () => unknown): { error: ImageFormatError; growth: number } {
  const before = process.memoryUsage();
  let peak = 0;
  const error = failure(() => {
    try {
      decode();
    } finally {
      const after = process.memoryUsage();
      peak = Math.max(after.rss - before.rss, after.arrayBuffers - before.arrayBuffers);
    }
  });
  return { error, growth: peak };
}

/** A grey 8-bit PNG whose IDAT inflates to `rows` × (1 + `width`) zero bytes. */
function zeroPng(width: number, height: number, inflated: number): Uint8Array {
  return pngFile([
    ["IHDR", pngHeader(width, height, 8, 0)],
    ["IDAT", deflateSync(Buffer.alloc(inflated), { level: 1 })],
    ["IEND", new Uint8Array(0)],
  ]);
}

describe("memory bombs", () => {
  it("rejects an 8000×8000 PNG of a few kilobytes from its header, before allocating", () => {
    const bomb = zeroPng(8000, 8000, 8000 * 8001);
    expect(bomb.length).toBeLessThan(400_000);
    const { error, growth } = failureAndGrowth(() => decodePng(bomb, "bomb.png"));
    expect(error.message).toMatch(/^bomb\.png: the PNG is 8000×8000 pixels \(64\.0 megapixels\)/);
    expect(error.message).toMatch(/at most 25 megapixels/);
    expect(error.message).toMatch(/scale the picture down/);
    expect(growth).toBeLessThan(100 * MB);
  });

  it("stops inflating image data that runs past what the header's size needs (a zlib bomb)", () => {
    // 100×100 pixels take 10,100 bytes; the IDAT inflates to 160 MB.
    const bomb = zeroPng(100, 100, 160_000_000);
    const { error, growth } = failureAndGrowth(() => decodePng(bomb, "zip.png"));
    expect(error.message).toMatch(
      /zip\.png: the PNG's image data inflates to more than the 10100 bytes/,
    );
    expect(growth).toBeLessThan(100 * MB);
  });

  it("rejects the 19-byte PGM header P5 46341 46341 255 before allocating", () => {
    const header = text("P5 46341 46341 255\n");
    expect(header.length).toBe(19);
    const { error, growth } = failureAndGrowth(() => decodePgm(header, "huge.pgm"));
    expect(error.message).toMatch(/^huge\.pgm: the PGM is 46341×46341 pixels \(2147 megapixels\)/);
    expect(error.message).toMatch(/scale the picture down/);
    expect(growth).toBeLessThan(100 * MB);
    // The same for a text PGM, and for sizes the header checks cannot multiply exactly.
    expect(failure(() => decodePgm(text("P2 46341 46341 255\n"))).message).toMatch(/megapixels/);
    expect(failure(() => decodePgm(text("P5 999999999 999999999 255\n"))).message).toMatch(
      /999999999×999999999 pixels \(999999998000 megapixels\)/,
    );
    expect(failure(() => decodePgm(text(`P5 ${"9".repeat(400)} 1 255\n`))).message).toMatch(
      /the PGM's width is a 400-digit number, expected at most 9 digits/,
    );
  });

  it("allows up to MAX_IMAGE_PIXELS (25 megapixels) and no more", () => {
    expect(MAX_IMAGE_PIXELS).toBe(25_000_000);
    expect(() => checkImageSize(5000, 5000, "x", "PNG")).not.toThrow();
    expect(() => checkImageSize(25_000_000, 1, "x", "PNG")).not.toThrow();
    expect(() => checkImageSize(5000, 5001, "x", "PNG")).toThrow(ImageFormatError);
    // A truncated PGM within the limit fails on its length, before its pixels are allocated.
    const { error, growth } = failureAndGrowth(() => decodePgm(text("P5 5000 5000 65535\n")));
    expect(error.message).toMatch(/truncated: 5000×5000 pixels need 50000000 bytes, 0 follow/);
    expect(growth).toBeLessThan(100 * MB);
    expect(failure(() => decodePgm(text("P2 5000 5000 255\n1 2 3\n"))).message).toMatch(
      /truncated/,
    );
  });
});

describe("broken PNG structure", () => {
  const idat = deflateSync(new Uint8Array(2 * 3));
  const png = (chunks: [string, Uint8Array][]) => pngFile(chunks);

  it("checks IHDR's width and height (1 to 2^31−1) and its length", () => {
    for (const [width, height] of [
      [0, 2],
      [2, 0],
      [2 ** 31, 1],
      [1, 2 ** 32 - 1],
    ]) {
      const error = failure(() =>
        decodePng(
          png([
            ["IHDR", pngHeader(width, height, 8, 0)],
            ["IDAT", idat],
          ]),
          "h.png",
        ),
      );
      expect(error.message).toMatch(
        /^h\.png: the PNG's (width|height) is \d+, expected 1 to 2\^31−1/,
      );
    }
    const short = pngHeader(2, 2, 8, 0).subarray(0, 9);
    expect(failure(() => decodePng(png([["IHDR", short]]))).message).toMatch(
      /IHDR\) holds 9 bytes, expected 13/,
    );
    expect(failure(() => decodePng(png([["IDAT", idat]]))).message).toMatch(
      /starts with chunk IDAT, expected the image header/,
    );
  });

  it("reports a chunk length past the end of the file as truncation", () => {
    const good = encodePng(2, 3, new Uint8Array(6));
    for (const length of [0x7fffffff, 0xffffffff, 1000]) {
      const bad = Uint8Array.from(good);
      new DataView(bad.buffer).setUint32(33, length); // the IDAT chunk's length field
      expect(() => decodePng(bad, "len.png")).toThrow(ImageFormatError);
      expect(() => decodePng(bad, "len.png")).toThrow(/len\.png: the PNG's IDAT chunk|truncated/);
    }
    expect(failure(() => decodePng(good.subarray(0, good.length - 5))).message).toMatch(
      /truncated/,
    );
  });

  it("needs image data (IDAT)", () => {
    const error = failure(() =>
      decodePng(
        png([
          ["IHDR", pngHeader(2, 3, 8, 0)],
          ["IEND", new Uint8Array(0)],
        ]),
        "e.png",
      ),
    );
    expect(error.message).toMatch(/^e\.png: the PNG has no image data \(IDAT chunk\)/);
  });

  it("rejects palette indices beyond the palette, naming the index and the palette's size", () => {
    const palette = Uint8Array.from([0, 0, 0, 255, 255, 255, 128, 128, 128]);
    const rows = Uint8Array.from([0, 0, 1, 2, 0, 2, 7, 1]); // filter byte + 3 indices, 2 rows
    const file = png([
      ["IHDR", pngHeader(3, 2, 8, 3)],
      ["PLTE", palette],
      ["IDAT", deflateSync(rows)],
      ["IEND", new Uint8Array(0)],
    ]);
    const error = failure(() => decodePng(file, "pal.png"));
    expect(error.message).toMatch(
      /^pal\.png: pixel 1,1 of the PNG uses palette entry 7, but its palette \(PLTE\) has 3 colours/,
    );
    const ragged = png([
      ["IHDR", pngHeader(3, 2, 8, 3)],
      ["PLTE", palette.subarray(0, 8)],
      ["IDAT", deflateSync(rows)],
    ]);
    expect(failure(() => decodePng(ragged)).message).toMatch(/palette \(PLTE\) holds 8 bytes/);
  });

  it("rejects unknown row filters and short image data", () => {
    const header = pngHeader(2, 2, 8, 0);
    const badFilter = png([
      ["IHDR", header],
      ["IDAT", deflateSync(Uint8Array.from([0, 1, 2, 5, 3, 4]))],
    ]);
    expect(failure(() => decodePng(badFilter)).message).toMatch(
      /row 1 of the PNG has filter type 5/,
    );
    const short = png([
      ["IHDR", header],
      ["IDAT", deflateSync(Uint8Array.from([0, 1, 2, 0]))],
    ]);
    expect(failure(() => decodePng(short)).message).toMatch(/4 bytes, shorter than the 6/);
    const garbage = png([
      ["IHDR", header],
      ["IDAT", Uint8Array.from([1, 2, 3, 4])],
    ]);
    expect(failure(() => decodePng(garbage)).message).toMatch(/corrupt or truncated \(zlib/);
  });
});

describe("PGM values", () => {
  it("rejects binary values above the header's maximum, 8 and 16 bits", () => {
    const eight = encodePgm("P5", 2, 2, 100, [0, 100, 101, 5]);
    expect(failure(() => decodePgm(eight, "a.pgm")).message).toMatch(
      /^a\.pgm: pixel 0,1 of the PGM is 101, above the maximum value 100 its header declares/,
    );
    const sixteen = encodePgm("P5", 2, 1, 1000, [1000, 60000]);
    expect(failure(() => decodePgm(sixteen)).message).toMatch(/pixel 1,0 of the PGM is 60000/);
  });

  it("reads text values only as whole numbers from 0 to the maximum", () => {
    expect(failure(() => decodePgm(text("P2 2 1 10\n5 11\n"), "b.pgm")).message).toMatch(
      /^b\.pgm: pixel 1,0 of the PGM is 11, above the maximum value 10/,
    );
    for (const value of ["-3", "1.5", "0x5", "1e1", "NaN", "five", "Infinity"]) {
      expect(failure(() => decodePgm(text(`P2 2 1 10\n5 ${value}\n`))).message).toMatch(
        `value 2 of the PGM is "${value}", expected a whole number from 0 to 10`,
      );
    }
    expect(failure(() => decodePgm(text("P2 1 1 255\n"))).message).toMatch(
      /holds 0 values, 1×1 needs 1/,
    );
    expect(failure(() => decodePgm(text("P2 2 1 255\n7   \n"))).message).toMatch(
      /holds 1 values, 2×1 needs 2/,
    );
    // Comments between values are skipped; values after the last pixel are ignored.
    expect(Array.from(decodePgm(text("P2 2 1 10\n# c\n5 # d\n10 7\n")).pixels)).toEqual([0.5, 1]);
  });

  it("names what it found in a broken header", () => {
    expect(failure(() => decodePgm(text("P5 2 x 255\n"))).message).toMatch(
      /header is incomplete: expected whitespace and the height \(a whole number\), found "x"/,
    );
    expect(failure(() => decodePgm(text("P5 2 2"))).message).toMatch(
      /expected whitespace and the maximum value .* found the end of the file/,
    );
    expect(failure(() => decodePgm(text("P5 0 2 255\n"))).message).toMatch(/0×2 pixels/);
    expect(failure(() => decodePgm(text("P5 2 2 70000\n"))).message).toMatch(
      /maximum value is 70000, expected 1 to 65535/,
    );
    expect(failure(() => decodePgm(text("P5 1 1 255x1"))).message).toMatch(
      /one whitespace character after the maximum value, found "x1"/,
    );
  });
});
