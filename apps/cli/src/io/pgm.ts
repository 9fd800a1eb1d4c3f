import { checkImageSize, type GrayImage, grayImage, ImageFormatError } from "./gray-image";

const CORRUPT = "the file is corrupt: save or export the image again";
const FIELDS = ["width", "height", "maximum value"];
const HASH = 35; // "#"

/** PGM's whitespace: blanks, tabs, line feeds, vertical tabs, form feeds, carriage returns. */
function isSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

/** What stands at `offset`, for an error message. */
function found(bytes: Uint8Array, offset: number): string {
  if (offset >= bytes.length) return "the end of the file";
  let end = offset;
  while (end < bytes.length && end - offset < 16 && !isSpace(bytes[end])) end++;
  return JSON.stringify(String.fromCharCode(...bytes.subarray(offset, Math.max(end, offset + 1))));
}

/**
 * Decodes a PGM image, binary (P5) or text (P2), 8 or 16 bits, to grey levels in [0, 1].
 * The size is checked against MAX_IMAGE_PIXELS, and the file's length against that size,
 * before anything is allocated; a value above the header's maximum is an error.
 */
export function decodePgm(bytes: Uint8Array, name = "image"): GrayImage {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (magic !== "P5" && magic !== "P2")
    throw new ImageFormatError(
      `${name}: not a PGM file (expected "P5" or "P2", found ${JSON.stringify(magic)})`,
    );
  // Header: magic, width, height, maxval, separated by whitespace, with # comments.
  let offset = 2;
  const fields: number[] = [];
  while (fields.length < 3) {
    const start = offset;
    while (offset < bytes.length) {
      if (isSpace(bytes[offset])) offset++;
      else if (bytes[offset] === HASH)
        while (offset < bytes.length && bytes[offset] !== 10 && bytes[offset] !== 13) offset++;
      else break;
    }
    let value = 0;
    const digits = offset;
    while (offset < bytes.length && bytes[offset] >= 48 && bytes[offset] <= 57)
      value = value * 10 + bytes[offset++] - 48;
    if (offset === digits || offset === start)
      throw new ImageFormatError(
        `${name}: the PGM header is incomplete: expected whitespace and the ${FIELDS[fields.length]} (a whole number), found ${found(bytes, offset === start ? offset : digits)}; ${CORRUPT}`,
      );
    if (offset - digits > 9)
      throw new ImageFormatError(
        `${name}: the PGM's ${FIELDS[fields.length]} is a ${offset - digits}-digit number, expected at most 9 digits; ${CORRUPT}`,
      );
    fields.push(value);
  }
  const [width, height, max] = fields;
  if (width < 1 || height < 1)
    throw new ImageFormatError(
      `${name}: the PGM header says ${width}×${height} pixels, expected at least 1×1; ${CORRUPT}`,
    );
  if (max < 1 || max > 65535)
    throw new ImageFormatError(
      `${name}: the PGM's maximum value is ${max}, expected 1 to 65535; ${CORRUPT}`,
    );
  checkImageSize(width, height, name, "PGM");
  return grayImage(
    width,
    height,
    magic === "P5"
      ? binaryPixels(bytes, offset, width, height, max, name)
      : textPixels(bytes, offset, width, height, max, name),
    name,
  );
}

/** P5: one whitespace after the header, then `count` big-endian samples of 1 or 2 bytes. */
function binaryPixels(
  bytes: Uint8Array,
  offset: number,
  width: number,
  height: number,
  max: number,
  name: string,
): Float64Array {
  if (offset < bytes.length && !isSpace(bytes[offset]))
    throw new ImageFormatError(
      `${name}: the PGM header must end in one whitespace character after the maximum value, found ${found(bytes, offset)}; ${CORRUPT}`,
    );
  offset++;
  const count = width * height;
  const size = max > 255 ? 2 : 1;
  if (bytes.length - offset < count * size)
    throw new ImageFormatError(
      `${name}: the PGM is truncated: ${width}×${height} pixels need ${count * size} bytes, ${Math.max(0, bytes.length - offset)} follow the header; save or download it again`,
    );
  const pixels = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const v =
      size === 2 ? (bytes[offset + 2 * p] << 8) | bytes[offset + 2 * p + 1] : bytes[offset + p];
    if (v > max) throw aboveMax(name, p, width, v, max);
    pixels[p] = v / max;
  }
  return pixels;
}

/** P2: `count` whole numbers from 0 to `max`, separated by whitespace (and # comments). */
function textPixels(
  bytes: Uint8Array,
  offset: number,
  width: number,
  height: number,
  max: number,
  name: string,
): Float64Array {
  const count = width * height;
  // Each value takes a digit and a separator (the last none): a short file fails before the
  // pixels are allocated.
  const left = bytes.length - offset;
  if (left < 2 * count - 1)
    throw new ImageFormatError(
      `${name}: the PGM is truncated: ${width}×${height} pixels need ${count} values, ${left} bytes follow the header; save or download it again`,
    );
  const pixels = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    while (offset < bytes.length) {
      if (isSpace(bytes[offset])) offset++;
      else if (bytes[offset] === HASH)
        while (offset < bytes.length && bytes[offset] !== 10 && bytes[offset] !== 13) offset++;
      else break;
    }
    if (offset >= bytes.length)
      throw new ImageFormatError(
        `${name}: the PGM holds ${p} values, ${width}×${height} needs ${count}; save or download it again`,
      );
    const start = offset;
    let v = 0;
    let digits = true;
    for (; offset < bytes.length && !isSpace(bytes[offset]) && bytes[offset] !== HASH; offset++) {
      const b = bytes[offset];
      if (b >= 48 && b <= 57) v = v * 10 + b - 48;
      else digits = false;
    }
    if (!digits)
      throw new ImageFormatError(
        `${name}: value ${p + 1} of the PGM is ${found(bytes, start)}, expected a whole number from 0 to ${max}; ${CORRUPT}`,
      );
    if (v > max) throw aboveMax(name, p, width, v, max);
    pixels[p] = v / max;
  }
  return pixels;
}

function aboveMax(name: string, p: number, width: number, v: number, max: number) {
  return new ImageFormatError(
    `${name}: pixel ${p % width},${Math.floor(p / width)} of the PGM is ${v}, above the maximum value ${max} its header declares; ${CORRUPT}`,
  );
}
