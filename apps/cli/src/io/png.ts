import { inflateSync } from "node:zlib";
import { type DecodedPng, decode } from "fast-png";
import { checkImageSize, type GrayImage, grayImage, ImageFormatError } from "./gray-image";

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Channels per pixel for each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** The bit depths the PNG specification allows for each colour type. */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Adam7's seven passes: first column and row, then the step between pixels across and down. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const COLOUR: Record<number, string> = {
  0: "grey",
  2: "RGB",
  3: "palette",
  4: "grey+alpha",
  6: "RGBA",
};
/** The largest width, height or chunk length the PNG specification allows: 2^31 − 1. */
const PNG_MAX = 2 ** 31 - 1;
/**
 * How many bytes the inflated image data may run past its exact size (height rows of one
 * filter byte and the row's pixels) before the decoder stops inflating: a zlib bomb stops
 * there instead of filling memory.
 */
const INFLATE_SLACK = 1024;
const CORRUPT = "the file is corrupt: save or export the image again";

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

/**
 * Decodes any PNG the specification allows (grey at 1, 2, 4, 8 or 16 bits, grey+alpha, RGB,
 * RGBA, palette at 1–8 bits, interlaced or not, with tRNS transparency) to grey levels:
 * luminance 0.299R + 0.587G + 0.114B, composited over white where there is alpha (a drawing
 * on a transparent canvas reads as ink on paper). The decoding itself (inflate, filters,
 * Adam7, checksums) is the maintained `fast-png` library's.
 *
 * Hostile files get an ImageFormatError, never a huge allocation: before the library sees
 * the file, its chunks and header are checked here, its size against MAX_IMAGE_PIXELS, and
 * its image data inflated (with a cap) to at most the size that header promises.
 */
export function decodePng(bytes: Uint8Array, name = "image"): GrayImage {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new ImageFormatError(
      `${name}: not a PNG file (the first 8 bytes are not the PNG signature)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | undefined;
  let palette: Uint8Array | undefined;
  let ended = false;
  const data: Uint8Array[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const left = bytes.length - offset;
    if (left < 12)
      throw new ImageFormatError(
        `${name}: the PNG is truncated: ${left} bytes after its last chunk, where a chunk takes at least 12; the file was cut off, save or download it again`,
      );
    const length = view.getUint32(offset);
    const type = chunkType(bytes.subarray(offset + 4, offset + 8));
    if (length > PNG_MAX)
      throw new ImageFormatError(
        `${name}: the PNG's ${type} chunk declares ${length} bytes, more than the 2^31−1 a chunk may hold; ${CORRUPT}`,
      );
    if (length > left - 12)
      throw new ImageFormatError(
        `${name}: the PNG is truncated inside its ${type} chunk (${length} bytes and a checksum declared, ${left - 8} left); the file was cut off, save or download it again`,
      );
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (offset === 8 && type !== "IHDR")
      throw new ImageFormatError(
        `${name}: the PNG starts with chunk ${type}, expected the image header (IHDR); ${CORRUPT}`,
      );
    if (type === "IHDR") {
      if (header)
        throw new ImageFormatError(`${name}: the PNG has two image headers (IHDR); ${CORRUPT}`);
      header = readHeader(body, name);
    } else if (type === "PLTE") {
      if (palette)
        throw new ImageFormatError(`${name}: the PNG has two palettes (PLTE); ${CORRUPT}`);
      palette = body;
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new ImageFormatError(`${name}: the PNG has no image header (IHDR)`);
  const { width, height, depth, colorType } = header;
  if (data.length === 0)
    throw new ImageFormatError(
      `${name}: the PNG has no image data (IDAT chunk)${ended ? "" : ": the file may be cut off"}; ${CORRUPT}`,
    );
  if (colorType === 3) {
    if (!palette)
      throw new ImageFormatError(`${name}: a palette PNG without its palette (PLTE); ${CORRUPT}`);
    if (palette.length === 0 || palette.length % 3 !== 0 || palette.length > 3 * 256)
      throw new ImageFormatError(
        `${name}: the PNG's palette (PLTE) holds ${palette.length} bytes, expected 3 per colour for 1 to 256 colours; ${CORRUPT}`,
      );
  }
  const expected = inflatedSize(header);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected + INFLATE_SLACK });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new ImageFormatError(
        `${name}: the PNG's image data inflates to more than the ${expected} bytes that ${width}×${height} ${depth}-bit ${COLOUR[colorType]} pixels take; ${CORRUPT}`,
      );
    throw new ImageFormatError(
      `${name}: the PNG's image data is corrupt or truncated (zlib: ${(error as Error).message}); save or download it again`,
    );
  }
  if (raw.length < expected)
    throw new ImageFormatError(
      `${name}: the PNG's image data is ${raw.length} bytes, shorter than the ${expected} that ${width}×${height} ${depth}-bit ${COLOUR[colorType]} pixels take; ${CORRUPT}`,
    );
  checkFilters(raw, header, name);
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (error) {
    throw new ImageFormatError(
      `${name}: the PNG could not be decoded (${String((error as Error)?.message).slice(0, 200)}); ${CORRUPT}`,
    );
  }
  if (png.width !== width || png.height !== height)
    throw new ImageFormatError(
      `${name}: the PNG decoded to another size than its header's; ${CORRUPT}`,
    );
  return grayImage(width, height, toGray(png, header, name), name);
}

/** The scanlines `header` promises: per pass (one, or Adam7's seven), rows of rowBytes pixel bytes after a filter byte. */
function scanlines({ width, height, depth, colorType, interlaced }: Header) {
  const bits = CHANNELS[colorType] * depth;
  const pass = (w: number, h: number) => ({
    rows: w === 0 ? 0 : h,
    rowBytes: Math.ceil((w * bits) / 8),
  });
  if (!interlaced) return [pass(width, height)];
  return ADAM7.map(([x0, y0, dx, dy]) =>
    pass(Math.ceil(Math.max(0, width - x0) / dx), Math.ceil(Math.max(0, height - y0) / dy)),
  );
}

/** The bytes of filtered scanlines `header` promises: a filter byte and the pixels per row. */
function inflatedSize(header: Header): number {
  return scanlines(header).reduce((sum, p) => sum + p.rows * (1 + p.rowBytes), 0);
}

/** Every row's filter type is 0 to 4 (none, sub, up, average, Paeth): named here, where the library would only fail. */
function checkFilters(raw: Uint8Array, header: Header, name: string): void {
  let at = 0;
  let row = 0;
  for (const { rows, rowBytes } of scanlines(header)) {
    for (let y = 0; y < rows; y++, row++, at += 1 + rowBytes) {
      if (raw[at] > 4)
        throw new ImageFormatError(
          `${name}: row ${row} of the PNG has filter type ${raw[at]}, expected 0 to 4; ${CORRUPT}`,
        );
    }
  }
}

/** A chunk's four-letter type as text, or its bytes in hex when they are not letters. */
function chunkType(bytes: Uint8Array): string {
  const text = String.fromCharCode(...bytes);
  return /^[A-Za-z]{4}$/.test(text)
    ? text
    : `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Reads and checks IHDR: size (within MAX_IMAGE_PIXELS), depth, colour type, methods. */
function readHeader(body: Uint8Array, name: string): Header {
  if (body.length !== 13)
    throw new ImageFormatError(
      `${name}: the PNG's image header (IHDR) holds ${body.length} bytes, expected 13; ${CORRUPT}`,
    );
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [depth, colorType, compression, filter, interlace] = body.subarray(8);
  for (const [what, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (value === 0 || value > PNG_MAX)
      throw new ImageFormatError(
        `${name}: the PNG's ${what} is ${value}, expected 1 to 2^31−1 pixels; ${CORRUPT}`,
      );
  }
  if (!Object.hasOwn(DEPTHS, colorType) || !DEPTHS[colorType].includes(depth))
    throw new ImageFormatError(
      `${name}: the PNG declares colour type ${colorType} at ${depth} bits, which the PNG specification does not define; ${CORRUPT}`,
    );
  if (compression !== 0 || filter !== 0)
    throw new ImageFormatError(
      `${name}: the PNG declares compression method ${compression} and filter method ${filter}, expected 0 and 0; ${CORRUPT}`,
    );
  if (interlace !== 0 && interlace !== 1)
    throw new ImageFormatError(
      `${name}: the PNG declares interlace method ${interlace}, expected 0 or 1; ${CORRUPT}`,
    );
  checkImageSize(width, height, name, "PNG");
  return { width, height, depth, colorType, interlaced: interlace === 1 };
}

/**
 * The decoded samples as grey levels. fast-png gives rows of samples, packed below 8 bits
 * (a 1-bit row of 10 pixels is 2 bytes), 16-bit ones in a Uint16Array; palette images give
 * indices, checked against the palette here (the library does not).
 */
function toGray(
  png: DecodedPng,
  { width, height, depth, colorType }: Header,
  name: string,
): Float64Array {
  const channels = CHANNELS[colorType];
  const max = 2 ** depth - 1;
  const rowBits = width * channels * depth;
  const rowItems = depth >= 8 ? width * channels : Math.ceil(rowBits / 8);
  const { data } = png;
  const sample = (x: number, y: number, c: number): number => {
    if (depth >= 8) return data[y * rowItems + x * channels + c];
    const bit = (x * channels + c) * depth;
    return (data[y * rowItems + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
  };
  const palette = png.palette ?? [];
  const trns = png.transparency;
  const pixels = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let gray: number;
      let alpha = 1;
      if (colorType === 3) {
        const index = sample(x, y, 0);
        const colour = palette[index];
        if (!colour)
          throw new ImageFormatError(
            `${name}: pixel ${x},${y} of the PNG uses palette entry ${index}, but its palette (PLTE) has ${palette.length} colours; ${CORRUPT}`,
          );
        gray = luminance(colour[0], colour[1], colour[2], 255);
        if (colour.length > 3) alpha = colour[3] / 255; // tRNS: fast-png appends it to the entry
      } else if (colorType === 0 || colorType === 4) {
        const g = sample(x, y, 0);
        gray = g / max;
        if (colorType === 4) alpha = sample(x, y, 1) / max;
        else if (trns && g === trns[0]) alpha = 0;
      } else {
        const [r, g, b] = [sample(x, y, 0), sample(x, y, 1), sample(x, y, 2)];
        gray = luminance(r, g, b, max);
        if (colorType === 6) alpha = sample(x, y, 3) / max;
        else if (trns && r === trns[0] && g === trns[1] && b === trns[2]) alpha = 0;
      }
      pixels[y * width + x] = alpha === 1 ? gray : 1 - alpha * (1 - gray); // over white
    }
  }
  return pixels;
}

/** 0.299R + 0.587G + 0.114B in [0, 1], in integers first so that white is exactly 1. */
function luminance(r: number, g: number, b: number, max: number): number {
  return (299 * r + 587 * g + 114 * b) / (1000 * max);
}
