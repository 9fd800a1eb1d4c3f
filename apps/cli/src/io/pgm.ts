import { type GrayImage, ImageFormatError } from "./gray-image";

/** Decodes a PGM image, binary (P5) or text (P2), 8 or 16 bits, to grey levels in [0, 1]. */
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
    while (offset < bytes.length && /\s/.test(String.fromCharCode(bytes[offset]))) offset++;
    if (bytes[offset] === 35 /* # */) {
      while (offset < bytes.length && bytes[offset] !== 10) offset++;
      continue;
    }
    let token = "";
    while (offset < bytes.length && /\d/.test(String.fromCharCode(bytes[offset])))
      token += String.fromCharCode(bytes[offset++]);
    if (token === "")
      throw new ImageFormatError(
        `${name}: the PGM header is incomplete (width, height and maximum value)`,
      );
    fields.push(Number(token));
  }
  const [width, height, max] = fields;
  if (width < 1 || height < 1 || max < 1 || max > 65535)
    throw new ImageFormatError(`${name}: bad PGM header ${width}×${height}, maximum ${max}`);
  offset++; // the single whitespace after maxval
  const pixels = new Float64Array(width * height);
  if (magic === "P5") {
    const size = max > 255 ? 2 : 1;
    if (bytes.length - offset < pixels.length * size)
      throw new ImageFormatError(
        `${name}: the PGM is truncated: ${width}×${height} pixels need ${pixels.length * size} bytes`,
      );
    for (let p = 0; p < pixels.length; p++) {
      const v =
        size === 2 ? (bytes[offset + 2 * p] << 8) | bytes[offset + 2 * p + 1] : bytes[offset + p];
      pixels[p] = v / max;
    }
  } else {
    const values = new TextDecoder()
      .decode(bytes.subarray(offset))
      .replace(/#.*$/gm, "")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (values.length < pixels.length || values.some((v) => !Number.isFinite(v))) {
      throw new ImageFormatError(
        `${name}: the PGM holds ${values.length} values, ${width}×${height} needs ${pixels.length}`,
      );
    }
    for (let p = 0; p < pixels.length; p++) pixels[p] = values[p] / max;
  }
  return { width, height, pixels };
}
