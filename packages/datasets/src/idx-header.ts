import { type DatasetErrorCode, IdxFormatError } from "./errors";
import { isGzip } from "./gzip";
import { describeIdxTypes, hex2, type IdxTypeInfo, idxTypeByCode } from "./idx-types";
import { formatBytes, sizeLimitParts } from "./limits";

/** The longest IDX header: the 4-byte magic number and 255 dimension sizes. */
export const MAX_IDX_HEADER_BYTES = 4 + 4 * 255;

/** What an IDX header declares, and so how long the whole file must be. */
export interface IdxHeader {
  readonly info: IdxTypeInfo;
  readonly dims: number[];
  readonly headerBytes: number;
  /** The declared file length: header + values; Infinity if it would pass 2⁵³ bytes. */
  readonly totalBytes: number;
}

export function idxError(
  source: string,
  code: DatasetErrorCode,
  expected: string,
  found: string,
  hint: string,
): IdxFormatError {
  return new IdxFormatError(code, { context: source, expected, found, hint });
}

/**
 * Reads the header at the start of `bytes`, checking the magic number, element type and
 * rank as soon as the first 4 bytes are there (so a stream that is not IDX fails at once).
 * Returns undefined while `bytes` is too short to hold the whole header.
 */
export function readIdxHeader(bytes: Uint8Array, source: string): IdxHeader | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), hex2).join(" ");
    const hint = isGzip(bytes)
      ? "this is gzip data: decompress it first (parseIdxFile, loadIdx and fetchIdx do it for you)"
      : "this is not an IDX file: check the path or URL";
    throw idxError(source, "idx-magic", "a magic number starting with 00 00", magic, hint);
  }
  const info = idxTypeByCode(bytes[2]);
  if (info === undefined) {
    throw idxError(
      source,
      "idx-type",
      `an element type byte among ${describeIdxTypes()}`,
      `0x${hex2(bytes[2])}`,
      "the file is corrupt or not IDX",
    );
  }
  const rank = bytes[3];
  if (rank === 0) {
    throw idxError(
      source,
      "idx-dimensions",
      "at least 1 dimension",
      "0",
      "the file is corrupt or not IDX",
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let k = 0; k < rank; k++) dims.push(view.getUint32(4 + 4 * k, false));
  return { info, dims, headerBytes, totalBytes: headerBytes + valueBytes(dims, info.bytes) };
}

/**
 * Bytes of the values: exact while below 2⁵³, Infinity beyond (255 sizes of up to 2³² − 1
 * would otherwise round, or reach Infinity and turn into NaN at a later 0).
 */
function valueBytes(dims: readonly number[], elementBytes: number): number {
  if (dims.includes(0)) return 0;
  let n = elementBytes;
  for (const d of dims) {
    n *= d;
    if (n > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return n;
}

/** "36 bytes (header 12 + 2×3 float values)", the length a header declares. */
export function describeIdxLength(header: IdxHeader): string {
  const { headerBytes, dims, info } = header;
  return `${formatBytes(header.totalBytes)} (header ${headerBytes} + ${dims.join("×")} ${info.type} values)`;
}

/** Throws a "size-limit" error if the header declares a file longer than `maxBytes`. */
export function checkIdxLimit(header: IdxHeader, source: string, maxBytes: number): void {
  const found = `a header declaring ${describeIdxLength(header)}`;
  if (!Number.isFinite(header.totalBytes)) {
    // Past 2⁵³ no limit helps, not even Infinity: such a header is corrupt.
    throw idxError(
      source,
      "size-limit",
      "a file shorter than 2⁵³ bytes",
      found,
      "the header is corrupt",
    );
  }
  if (header.totalBytes > maxBytes) {
    throw new IdxFormatError("size-limit", sizeLimitParts(source, found, maxBytes));
  }
}
