import { inflateSync } from "node:zlib";
import { checkImageSize, type GrayImage, grayImage, ImageFormatError } from "./gray-image";

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Channels per pixel for each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
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
}

/**
 * Decodes a non-interlaced PNG of 8 or 16 bits per channel (grey, grey+alpha, RGB, RGBA,
 * or 8-bit palette) to grey levels: luminance 0.299R + 0.587G + 0.114B, composited over
 * white where there is alpha (a drawing on a transparent canvas reads as ink on paper).
 *
 * Hostile files get an ImageFormatError, never a huge allocation: the image's size is checked
 * against MAX_IMAGE_PIXELS from its header, and the image data is inflated to at most the
 * size that header promises.
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
  const channels = CHANNELS[colorType];
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const expected = height * (1 + rowBytes);
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
  return grayImage(width, height, toGray(raw, header, palette, name), name);
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
  if (
    !(colorType in CHANNELS) ||
    !(depth === 8 || depth === 16) ||
    (colorType === 3 && depth !== 8)
  )
    throw new ImageFormatError(
      `${name}: PNG colour type ${colorType} at ${depth} bits is not supported; save it as 8-bit grey, RGB or RGBA`,
    );
  if (compression !== 0 || filter !== 0)
    throw new ImageFormatError(
      `${name}: the PNG declares compression method ${compression} and filter method ${filter}, expected 0 and 0; ${CORRUPT}`,
    );
  if (interlace === 1)
    throw new ImageFormatError(
      `${name}: interlaced PNGs are not supported; save it without interlacing`,
    );
  if (interlace !== 0)
    throw new ImageFormatError(
      `${name}: the PNG declares interlace method ${interlace}, expected 0 or 1; ${CORRUPT}`,
    );
  checkImageSize(width, height, name, "PNG");
  return { width, height, depth, colorType };
}

/**
 * Undoes PNG's per-row filters (none, sub, up, average, Paeth) one row at a time, keeping the
 * row above, and turns each row into grey levels as it goes.
 */
function toGray(
  raw: Uint8Array,
  { width, height, depth, colorType }: Header,
  palette: Uint8Array | undefined,
  name: string,
): Float64Array {
  const channels = CHANNELS[colorType];
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  const step = depth / 8; // read the high byte of 16-bit samples
  const entries = palette ? palette.length / 3 : 0;
  const pixels = new Float64Array(width * height);
  let up = new Uint8Array(stride); // the row above the first is zeros
  let row = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start];
    if (filter > 4)
      throw new ImageFormatError(
        `${name}: row ${y} of the PNG has filter type ${filter}, expected 0 to 4; ${CORRUPT}`,
      );
    unfilterRow(filter, raw.subarray(start + 1, start + 1 + stride), up, row, bpp);
    const at = y * width;
    for (let x = 0; x < width; x++) {
      const s = x * channels * step;
      let gray: number;
      if (colorType === 3) {
        const index = row[x];
        if (index >= entries)
          throw new ImageFormatError(
            `${name}: pixel ${x},${y} of the PNG uses palette entry ${index}, but its palette (PLTE) has ${entries} colours; ${CORRUPT}`,
          );
        const k = index * 3;
        gray = (299 * palette![k] + 587 * palette![k + 1] + 114 * palette![k + 2]) / 255_000;
      } else if (colorType === 0 || colorType === 4) gray = row[s] / 255;
      else gray = (299 * row[s] + 587 * row[s + step] + 114 * row[s + 2 * step]) / 255_000;
      if (colorType === 4 || colorType === 6) {
        const alpha = row[s + (channels - 1) * step] / 255;
        gray = 1 - alpha * (1 - gray); // over white
      }
      pixels[at + x] = gray;
    }
    [up, row] = [row, up];
  }
  return pixels;
}

/** One row of PNG filtering undone: `line` (filtered) with `up` (the row above) into `out`. */
function unfilterRow(
  filter: number,
  line: Uint8Array,
  up: Uint8Array,
  out: Uint8Array,
  bpp: number,
): void {
  const n = line.length;
  for (let x = 0; x < n; x++) {
    const left = x >= bpp ? out[x - bpp] : 0;
    let predictor = 0;
    if (filter === 1) predictor = left;
    else if (filter === 2) predictor = up[x];
    else if (filter === 3) predictor = (left + up[x]) >> 1;
    else if (filter === 4) predictor = paeth(left, up[x], x >= bpp ? up[x - bpp] : 0);
    out[x] = (line[x] + predictor) & 0xff;
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
