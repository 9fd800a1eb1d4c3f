import { type IdxData, type IdxTensor, type IdxType, idxTypeByName, product } from "./idx-types";

/**
 * Encodes a tensor as an uncompressed IDX file (big-endian header and values): the
 * inverse of `parseIdx`, for tests and for saving your own data sets.
 * `data` must be the typed array of `type` (Uint8Array for ubyte, Float32Array for float…).
 */
export function writeIdx(tensor: IdxTensor): Uint8Array {
  const { type, dims, data } = tensor;
  const info = idxTypeByName(type);
  if (!(data instanceof info.array)) {
    throw new RangeError(
      `writeIdx: type "${type}" needs a ${info.array.name}, got a ${data.constructor.name}; convert the data or change the type`,
    );
  }
  if (
    dims.length === 0 ||
    dims.length > 255 ||
    dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0xffffffff)
  ) {
    throw new RangeError(
      `writeIdx: dims must be 1 to 255 integers in [0, 2³²), got [${dims.join(", ")}]`,
    );
  }
  if (product(dims) !== data.length) {
    throw new RangeError(
      `writeIdx: dims ${dims.join("×")} hold ${product(dims)} values, but data has ${data.length}; make them agree`,
    );
  }
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length * info.bytes);
  const view = new DataView(out.buffer);
  out[2] = info.code;
  out[3] = dims.length;
  for (const [k, d] of dims.entries()) view.setUint32(4 + 4 * k, d, false);
  encode(view, header, data, type);
  return out;
}

function encode(view: DataView, offset: number, data: IdxData, type: IdxType): void {
  const n = data.length;
  switch (type) {
    case "ubyte":
    case "byte":
      for (let i = 0; i < n; i++) view.setUint8(offset + i, data[i] & 0xff);
      return;
    case "short":
      for (let i = 0; i < n; i++) view.setInt16(offset + 2 * i, data[i], false);
      return;
    case "int":
      for (let i = 0; i < n; i++) view.setInt32(offset + 4 * i, data[i], false);
      return;
    case "float":
      for (let i = 0; i < n; i++) view.setFloat32(offset + 4 * i, data[i], false);
      return;
    case "double":
      for (let i = 0; i < n; i++) view.setFloat64(offset + 8 * i, data[i], false);
      return;
  }
}
