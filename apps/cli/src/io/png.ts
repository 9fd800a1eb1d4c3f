import { inflateSync } from "node:zlib";
import { type GrayImage, ImageFormatError } from "./gray-image";

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Channels per pixel for each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced PNG of 8 or 16 bits per channel (grey, grey+alpha, RGB, RGBA,
 * or 8-bit palette) to grey levels: luminance 0.299R + 0.587G + 0.114B, composited over
 * white where there is alpha (a drawing on a transparent canvas reads as ink on paper).
 */
export function decodePng(bytes: Uint8Array, name = "image"): GrayImage {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new ImageFormatError(
      `${name}: not a PNG file (the first 8 bytes are not the PNG signature)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let palette: Uint8Array | undefined;
  const data: Uint8Array[] = [];
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length)
      throw new ImageFormatError(`${name}: the PNG is truncated inside its ${type} chunk`);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      depth = body[8];
      colorType = body[9];
      if (body[12] !== 0)
        throw new ImageFormatError(
          `${name}: interlaced PNGs are not supported; save it without interlacing`,
        );
      if (
        !(colorType in CHANNELS) ||
        !(depth === 8 || depth === 16) ||
        (colorType === 3 && depth !== 8)
      ) {
        throw new ImageFormatError(
          `${name}: PNG colour type ${colorType} at ${depth} bits is not supported; use 8-bit grey, RGB or RGBA`,
        );
      }
    } else if (type === "PLTE") palette = body;
    else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (width === 0 || height === 0)
    throw new ImageFormatError(`${name}: the PNG has no image header (IHDR)`);
  if (colorType === 3 && !palette)
    throw new ImageFormatError(`${name}: a palette PNG without its palette (PLTE)`);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(data));
  } catch {
    throw new ImageFormatError(`${name}: the PNG's image data is corrupt or truncated`);
  }
  const bytesPerPixel = (CHANNELS[colorType] * depth) / 8;
  const stride = width * bytesPerPixel;
  if (raw.length < height * (stride + 1))
    throw new ImageFormatError(
      `${name}: the PNG's image data is shorter than ${width}×${height} pixels`,
    );
  const rows = unfilter(raw, width, height, bytesPerPixel, name);
  return toGray(rows, width, height, colorType, depth, palette);
}

/** Undoes PNG's per-row filters (none, sub, up, average, Paeth) in place; returns the pixel bytes. */
function unfilter(
  raw: Uint8Array,
  width: number,
  height: number,
  bpp: number,
  name: string,
): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? out[row + x - bpp] : 0;
      const up = y > 0 ? out[row - stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? out[row - stride + x - bpp] : 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) predictor = paeth(left, up, upLeft);
      else throw new ImageFormatError(`${name}: unknown PNG row filter ${filter} in row ${y}`);
      out[row + x] = (line[x] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function toGray(
  bytes: Uint8Array,
  width: number,
  height: number,
  colorType: number,
  depth: number,
  palette: Uint8Array | undefined,
): GrayImage {
  const channels = CHANNELS[colorType];
  const step = depth / 8; // read the high byte of 16-bit samples
  const pixels = new Float64Array(width * height);
  const sample = (p: number, c: number) => bytes[(p * channels + c) * step] / 255;
  for (let p = 0; p < pixels.length; p++) {
    let gray: number;
    let alpha = 1;
    if (colorType === 3) {
      const k = bytes[p] * 3;
      gray = (0.299 * palette![k] + 0.587 * palette![k + 1] + 0.114 * palette![k + 2]) / 255;
    } else if (colorType === 0 || colorType === 4) {
      gray = sample(p, 0);
      if (colorType === 4) alpha = sample(p, 1);
    } else {
      gray = 0.299 * sample(p, 0) + 0.587 * sample(p, 1) + 0.114 * sample(p, 2);
      if (colorType === 6) alpha = sample(p, 3);
    }
    pixels[p] = alpha * gray + (1 - alpha);
  }
  return { width, height, pixels };
}
