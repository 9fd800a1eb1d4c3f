/**
 * Small PNG and PGM files built in code, for the image tests and the fuzz target
 * (apps/cli/fuzz/targets/image.ts). Not part of the command.
 */
import { deflateSync } from "node:zlib";

/** PNG colour types: grey, RGB, palette, grey+alpha, RGBA. */
export type PngColorType = 0 | 2 | 3 | 4 | 6;

const CHANNELS: Record<PngColorType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngSpec {
  width: number;
  height: number;
  colorType: PngColorType;
  /** 8 or 16 (palette: 8). */
  depth: number;
  /** Row-major samples as stored: channels × depth/8 bytes a pixel, 16-bit big-endian. */
  samples: Uint8Array;
  /** PLTE's bytes, 3 a colour, for colour type 3. */
  palette?: Uint8Array;
}

/** One PNG chunk: length, type, body, CRC. */
export function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  Buffer.from(body).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** The PNG signature followed by the chunks. */
export function pngFile(chunks: [type: string, body: Uint8Array][]): Uint8Array {
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    ...chunks.map(([type, body]) => pngChunk(type, body)),
  ]);
}

/** A 13-byte IHDR body (compression, filter and interlace methods 0). */
export function pngHeader(
  width: number,
  height: number,
  depth: number,
  colorType: number,
): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = colorType;
  return header;
}

/** The filtered scanlines of an image, cycling through the five row filters. */
export function filterRows(
  samples: Uint8Array,
  width: number,
  height: number,
  bytesPerPixel: number,
): Uint8Array {
  const stride = width * bytesPerPixel;
  const out = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    out[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const at = (xx: number, yy: number) => (xx >= 0 && yy >= 0 ? samples[yy * stride + xx] : 0);
      const [a, b, c] = [at(x - bytesPerPixel, y), at(x, y - 1), at(x - bytesPerPixel, y - 1)];
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * (stride + 1) + 1 + x] = (samples[y * stride + x] - predictor) & 0xff;
    }
  }
  return out;
}

/** A PNG of any colour type the decoder reads, its rows cycling through the five filters. */
export function encodePngImage(spec: PngSpec): Uint8Array {
  const { width, height, colorType, depth, samples, palette } = spec;
  const bytesPerPixel = (CHANNELS[colorType] * depth) / 8;
  return pngFile([
    ["IHDR", pngHeader(width, height, depth, colorType)],
    ...(palette ? [["PLTE", palette] as [string, Uint8Array]] : []),
    ["IDAT", deflateSync(filterRows(samples, width, height, bytesPerPixel))],
    ["IEND", new Uint8Array(0)],
  ]);
}

/** An 8-bit grey PNG (the same signature as apps/cli/test/run-cli.ts's encodePng). */
export function encodePng(width: number, height: number, gray: Uint8Array): Uint8Array {
  return encodePngImage({ width, height, colorType: 0, depth: 8, samples: gray });
}

/** A binary (P5) or text (P2) PGM; values above 255 need `max` above 255 (two bytes in P5). */
export function encodePgm(
  format: "P5" | "P2",
  width: number,
  height: number,
  max: number,
  values: ArrayLike<number>,
): Uint8Array {
  const header = `${format}\n# made by a test\n${width} ${height}\n${max}\n`;
  if (format === "P2") {
    const lines: string[] = [];
    for (let y = 0; y < height; y++)
      lines.push(Array.from({ length: width }, (_, x) => values[y * width + x]).join(" "));
    return new TextEncoder().encode(`${header}${lines.join("\n")}\n`);
  }
  const size = max > 255 ? 2 : 1;
  const body = new Uint8Array(width * height * size);
  for (let p = 0; p < width * height; p++) {
    if (size === 2) {
      body[2 * p] = values[p] >> 8;
      body[2 * p + 1] = values[p] & 0xff;
    } else body[p] = values[p];
  }
  return new Uint8Array([...new TextEncoder().encode(header), ...body]);
}

/** Deterministic bytes that exercise every row filter. */
export function pattern(length: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 37 + (i >> 3) * 11 + seed * 101) & 0xff);
}

/**
 * Small valid images of every kind the decoders read: PNG grey, grey+alpha, RGB, RGBA,
 * palette and 16-bit grey and RGBA; PGM P5 (8 and 16 bits) and P2.
 */
export function imageSeeds(): Uint8Array[] {
  const png = (colorType: PngColorType, depth: number, width: number, height: number) =>
    encodePngImage({
      width,
      height,
      colorType,
      depth,
      samples: pattern((width * height * CHANNELS[colorType] * depth) / 8, colorType + depth),
      palette: colorType === 3 ? pattern(3 * 256, 7) : undefined,
    });
  const palette = encodePngImage({
    width: 5,
    height: 4,
    colorType: 3,
    depth: 8,
    samples: Uint8Array.from({ length: 20 }, (_, i) => i % 6),
    palette: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 99, 199]),
  });
  const values = (n: number, max: number) =>
    Array.from({ length: n }, (_, i) => (i * 7919) % (max + 1));
  return [
    png(0, 8, 7, 5),
    png(4, 8, 4, 3),
    png(2, 8, 5, 4),
    png(6, 8, 4, 4),
    png(3, 8, 6, 3),
    palette,
    png(0, 16, 5, 3),
    png(6, 16, 3, 3),
    encodePgm("P5", 6, 4, 255, values(24, 255)),
    encodePgm("P5", 3, 3, 1000, values(9, 1000)),
    encodePgm("P2", 5, 3, 15, values(15, 15)),
  ];
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
