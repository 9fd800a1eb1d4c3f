import { type DatasetErrorCode, IdxFormatError } from "./errors";
import { isGzip } from "./gzip";
import {
  describeIdxTypes,
  hex2,
  type IdxData,
  type IdxTensor,
  idxTypeByCode,
  product,
} from "./idx-types";

/**
 * Parses an uncompressed IDX file:
 *   bytes 0–1  zero
 *   byte  2    element type (0x08 ubyte … 0x0e double)
 *   byte  3    number of dimensions d
 *   then d big-endian uint32 sizes, then the values, big-endian, row-major.
 * One-byte types are returned as a view of `bytes` (no copy: MNIST's 47 MB stay 47 MB);
 * wider types are decoded into a new native-endian array. The length must match the
 * header exactly: a short file is never loaded in part. Gzip data: `gunzip` it first.
 */
export function parseIdx(input: Uint8Array | ArrayBuffer, source = "IDX data"): IdxTensor {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const fail = (code: DatasetErrorCode, expected: string, found: string, hint: string) =>
    new IdxFormatError(code, { context: source, expected, found, hint });

  if (bytes.length < 4) {
    throw fail(
      "idx-truncated",
      "at least the 4-byte magic number",
      `${bytes.length} bytes`,
      "the file is truncated: download it again",
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), hex2).join(" ");
    const hint = isGzip(bytes)
      ? "this is gzip data: decompress it first (gunzip, or loadIdx/fetchIdx, which do it for you)"
      : "this is not an IDX file: check the path or URL";
    throw fail("idx-magic", "a magic number starting with 00 00", magic, hint);
  }
  const info = idxTypeByCode(bytes[2]);
  if (info === undefined) {
    throw fail(
      "idx-type",
      `an element type byte among ${describeIdxTypes()}`,
      `0x${hex2(bytes[2])}`,
      "the file is corrupt or not IDX",
    );
  }
  const rank = bytes[3];
  if (rank === 0) {
    throw fail("idx-dimensions", "at least 1 dimension", "0", "the file is corrupt or not IDX");
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw fail(
      "idx-truncated",
      `a ${headerBytes}-byte header for ${rank} dimensions`,
      `${bytes.length} bytes`,
      "the file is truncated: download it again",
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < rank; k++) dims.push(view.getUint32(4 + 4 * k, false));

  const count = product(dims);
  const dataBytes = count * info.bytes;
  const expected = `${headerBytes + dataBytes} bytes (header ${headerBytes} + ${dims.join("×")} ${info.type} values)`;
  if (bytes.length < headerBytes + dataBytes) {
    throw fail(
      "idx-truncated",
      expected,
      `${bytes.length} bytes`,
      "the file is truncated: download it again",
    );
  }
  if (bytes.length > headerBytes + dataBytes) {
    throw fail(
      "idx-trailing-bytes",
      expected,
      `${bytes.length} bytes`,
      "the header's dimensions do not match the data: the file is corrupt",
    );
  }
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
