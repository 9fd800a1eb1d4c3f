import { toMnistInput } from "@backprop/datasets";
import { describe, expect, it } from "vitest";
import { ImageFormatError } from "./gray-image";
import { encodePgm, encodePng, encodePngImage, type PngColorType } from "./image-fixtures";
import { inkOf } from "./ink";
import { decodePgm } from "./pgm";
import { decodePng } from "./png";
import { renderDigit } from "./render-digit";

function pattern(width: number, height: number): Uint8Array {
  return Uint8Array.from({ length: width * height }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
}

describe("image decoding", () => {
  it("decodes grey PNGs with every row filter exactly", () => {
    const gray = pattern(13, 11);
    const image = decodePng(encodePng(13, 11, gray));
    expect([image.width, image.height]).toEqual([13, 11]);
    expect(Array.from(image.pixels, (v) => Math.round(v * 255))).toEqual(Array.from(gray));
  });

  it("decodes binary and text PGMs", () => {
    const binary = new Uint8Array([
      ...new TextEncoder().encode("P5\n# made by a test\n3 2\n255\n"),
      0,
      51,
      102,
      153,
      204,
      255,
    ]);
    expect(Array.from(decodePgm(binary).pixels)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const text = new TextEncoder().encode("P2 2 1 10\n5 10\n");
    expect(Array.from(decodePgm(text).pixels)).toEqual([0.5, 1]);
  });

  it("decodes grey+alpha, RGB, RGBA, palette and 16-bit PNGs to luminance over white", () => {
    const width = 6;
    const height = 5;
    const n = width * height;
    const luma = (r: number, g: number, b: number) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    const cases: [PngColorType, number, number, (s: Uint8Array, p: number) => number][] = [
      [0, 8, 1, (s, p) => s[p] / 255],
      [4, 8, 2, (s, p) => 1 - (s[2 * p + 1] / 255) * (1 - s[2 * p] / 255)],
      [2, 8, 3, (s, p) => luma(s[3 * p], s[3 * p + 1], s[3 * p + 2])],
      [
        6,
        8,
        4,
        (s, p) => 1 - (s[4 * p + 3] / 255) * (1 - luma(s[4 * p], s[4 * p + 1], s[4 * p + 2])),
      ],
      [0, 16, 2, (s, p) => (256 * s[2 * p] + s[2 * p + 1]) / 65535],
      [
        6,
        16,
        8,
        (s, p) => {
          // All 16 bits count (the old decoder read only the high byte).
          const v = (i: number) => (256 * s[8 * p + 2 * i] + s[8 * p + 2 * i + 1]) / 65535;
          return 1 - v(3) * (1 - luma(255 * v(0), 255 * v(1), 255 * v(2)));
        },
      ],
    ];
    for (const [colorType, depth, bytesPerPixel, expected] of cases) {
      const samples = pattern(n * bytesPerPixel, 1);
      const image = decodePng(encodePngImage({ width, height, colorType, depth, samples }));
      expect([image.width, image.height]).toEqual([width, height]);
      for (let p = 0; p < n; p++) expect(image.pixels[p]).toBeCloseTo(expected(samples, p), 12);
    }
    const palette = Uint8Array.from([0, 0, 0, 255, 255, 255, 200, 100, 50]);
    const indices = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const image = decodePng(
      encodePngImage({ width, height, colorType: 3, depth: 8, samples: indices, palette }),
    );
    for (let p = 0; p < n; p++) {
      const k = indices[p] * 3;
      expect(image.pixels[p]).toBeCloseTo(luma(palette[k], palette[k + 1], palette[k + 2]), 12);
    }
  });

  it("decodes 16-bit binary PGMs", () => {
    const image = decodePgm(encodePgm("P5", 2, 2, 1000, [0, 250, 999, 1000]));
    expect(Array.from(image.pixels)).toEqual([0, 0.25, 0.999, 1]);
  });

  it("rejects what it cannot read with a typed error saying what it found", () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]), "x.png")).toThrow(ImageFormatError);
    expect(() => decodePng(new Uint8Array([1, 2, 3]), "x.png")).toThrow(/x.png: not a PNG file/);
    const png = encodePng(4, 4, pattern(4, 4));
    expect(() => decodePng(png.subarray(0, 40), "cut.png")).toThrow(/truncated|corrupt/);
    expect(() => decodePgm(new TextEncoder().encode("P5 2 2 255\n\u0001"), "t.pgm")).toThrow(
      /truncated/,
    );
  });
});

describe("MNIST-style preprocessing of a picture", () => {
  it("inverts ink on paper, fits the digit in 20×20 and centres its mass in 28×28", () => {
    // A dark vertical bar on a white 100×60 page.
    const width = 100;
    const height = 60;
    const pixels = new Float64Array(width * height).fill(1);
    for (let y = 10; y < 50; y++) for (let x = 20; x < 30; x++) pixels[y * width + x] = 0;
    const input = toMnistInput(inkOf({ width, height, pixels }), width, height)!;
    let rows = 0;
    let mass = 0;
    let cx = 0;
    let cy = 0;
    for (let y = 0; y < 28; y++) {
      let inRow = false;
      for (let x = 0; x < 28; x++) {
        const v = input[y * 28 + x];
        if (v > 0.5) inRow = true;
        mass += v;
        cx += v * (x + 0.5);
        cy += v * (y + 0.5);
      }
      if (inRow) rows++;
    }
    expect(rows).toBe(20);
    expect(Math.abs(cx / mass - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy / mass - 14)).toBeLessThanOrEqual(1);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
  });

  it("renders a digit as text, two characters per pixel, without empty margins", () => {
    const pixels = new Float64Array(784);
    pixels[14 * 28 + 10] = 1;
    pixels[15 * 28 + 11] = 0.5;
    expect(renderDigit(pixels).split("\n")).toEqual([`${" ".repeat(20)}@@`, `${" ".repeat(22)}++`]);
  });
});
