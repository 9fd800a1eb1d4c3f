import { checkIdxLimit, describeIdxLength, idxError, readIdxHeader } from "./idx-header";
import type { IdxData, IdxTensor } from "./idx-types";
import { checkMaxBytes, DEFAULT_MAX_BYTES } from "./limits";

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /**
   * The longest file accepted (header + values), in bytes; default DEFAULT_MAX_BYTES (1 GiB).
   * Checked against what the header declares, so the gzip paths stop before inflating more.
   */
  readonly maxBytes?: number;
}

/**
 * Parses an uncompressed IDX file:
 *   bytes 0–1  zero
 *   byte  2    element type (0x08 ubyte … 0x0e double)
 *   byte  3    number of dimensions d
 *   then d big-endian uint32 sizes, then the values, big-endian, row-major.
 * One-byte types are returned as a view of `bytes` (no copy: MNIST's 47 MB stay 47 MB);
 * wider types are decoded into a new native-endian array. The length must match the
 * header exactly: a short file is never loaded in part. Gzip data: use `parseIdxFile`.
 */
export function parseIdx(
  input: Uint8Array | ArrayBuffer,
  source = "IDX data",
  options: ParseIdxOptions = {},
): IdxTensor {
  const maxBytes = checkMaxBytes(options.maxBytes, "parseIdx", DEFAULT_MAX_BYTES);
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const truncated = "the file is truncated: download it again";
  const header = readIdxHeader(bytes, source);
  if (header === undefined) {
    const expected =
      bytes.length < 4
        ? "at least the 4-byte magic number"
        : `a ${4 + 4 * bytes[3]}-byte header for ${bytes[3]} dimensions`;
    throw idxError(source, "idx-truncated", expected, `${bytes.length} bytes`, truncated);
  }
  // Length first: with every byte at hand, a mismatch says more than the limit would.
  const expected = describeIdxLength(header);
  if (bytes.length < header.totalBytes) {
    throw idxError(source, "idx-truncated", expected, `${bytes.length} bytes`, truncated);
  }
  if (bytes.length > header.totalBytes) {
    throw idxError(
      source,
      "idx-trailing-bytes",
      expected,
      `${bytes.length} bytes`,
      "the header's dimensions do not match the data: the file is corrupt",
    );
  }
  checkIdxLimit(header, source, maxBytes);
  const { info, dims, headerBytes } = header;
  const count = (header.totalBytes - headerBytes) / info.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { type: info.type, dims, data: decode(view, headerBytes, count, info.type, bytes) };
}

function decode(
  view: DataView,
  offset: number,
  count: number,
  type: IdxTensor["type"],
  bytes: Uint8Array,
): IdxData {
  switch (type) {
    case "ubyte":
      return bytes.subarray(offset, offset + count);
    case "byte":
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case "short": {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case "int": {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case "float": {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case "double": {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}
