import type { DType, FloatArray } from "@backprop/linalg";
import { OnnxFormatError } from "./errors";
import { DataType, type TensorProto } from "./proto/onnx-types";

/**
 * Tensors in and out of ONNX files. We write values as raw_data, little-endian and
 * row-major, as PyTorch does: float64 stays float64 bit for bit. Reading accepts raw_data
 * and the typed fields (float_data, double_data, int64_data), and checks the element count
 * the dims declare against what the file holds BEFORE allocating anything: a tensor that
 * declares dims [1e9, 1e9] with 4 bytes of data costs a multiplication, not 8 exabytes.
 */

/** The most elements one tensor may declare (a Matrix holds at most 2³¹ − 1 numbers). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The ONNX element type of a dtype: FLOAT (1) or DOUBLE (11). */
export function elemType(dtype: DType): number {
  return dtype === "float64" ? DataType.DOUBLE : DataType.FLOAT;
}

/** A tensor of `dtype` with the given dims, its values copied into raw_data. */
export function floatTensor(
  name: string,
  dims: readonly number[],
  values: ArrayLike<number>,
  dtype: DType,
): TensorProto {
  const array = dtype === "float64" ? Float64Array.from(values) : Float32Array.from(values);
  let raw = new Uint8Array(array.buffer);
  if (!littleEndian) {
    raw = new Uint8Array(array.byteLength);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < array.length; i++) {
      if (dtype === "float64") view.setFloat64(i * 8, array[i], true);
      else view.setFloat32(i * 4, array[i], true);
    }
  }
  return { dims: [...dims], data_type: elemType(dtype), name, raw_data: raw };
}

/** An INT64 tensor (Reshape's shape), in int64_data. */
export function int64Tensor(name: string, values: readonly number[]): TensorProto {
  return { dims: [values.length], data_type: DataType.INT64, name, int64_data: [...values] };
}

/** The dims of a tensor, checked: whole numbers ≥ 0 whose product is at most MAX_ELEMENTS. */
export function tensorDims(tensor: TensorProto, where: string): number[] {
  const dims = tensor.dims ?? [];
  let count = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new OnnxFormatError(
        where,
        `has dims [${dims.join(", ")}]: each must be a whole number ≥ 0`,
      );
    }
    count *= d;
    if (count > MAX_ELEMENTS) {
      throw new OnnxFormatError(
        where,
        `declares dims [${dims.join(", ")}], more than ${MAX_ELEMENTS} elements: too large for a layer here`,
      );
    }
  }
  return dims;
}

/**
 * The values of a FLOAT or DOUBLE tensor as a new array of its own type (float32 values
 * in a Float32Array, float64 in a Float64Array), after checking that the file holds exactly
 * as many values as the dims declare.
 */
export function readFloatTensor(tensor: TensorProto, where: string): FloatArray {
  if (tensor.data_location === 1 || (tensor.external_data?.length ?? 0) > 0) {
    throw new OnnxFormatError(
      where,
      "keeps its data in an external file; save the model with its weights inside the .onnx (PyTorch: a model under 2 GB does this by default)",
    );
  }
  const type = tensor.data_type;
  if (type !== DataType.FLOAT && type !== DataType.DOUBLE) {
    throw new OnnxFormatError(
      where,
      `has element type ${type}; weights must be FLOAT (1) or DOUBLE (11)`,
    );
  }
  const double = type === DataType.DOUBLE;
  const dims = tensorDims(tensor, where);
  const count = dims.reduce((n, d) => n * d, 1);
  const width = double ? 8 : 4;
  const raw = tensor.raw_data;
  const typed = double ? tensor.double_data : tensor.float_data;
  const held = raw ? raw.length / width : (typed?.length ?? 0);
  if (held !== count) {
    const found = raw ? `${raw.length} bytes of raw_data` : `${typed?.length ?? 0} values`;
    throw new OnnxFormatError(
      where,
      `declares dims [${dims.join(", ")}] (${count} ${double ? "doubles" : "floats"}${raw ? `, ${count * width} bytes` : ""}) but holds ${found}`,
    );
  }
  const out = double ? new Float64Array(count) : new Float32Array(count);
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) {
      out[i] = double ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    }
  } else if (typed) {
    out.set(typed);
  }
  return out;
}

/** The values of an INT64 tensor (Reshape's shape), checked as readFloatTensor does. */
export function readInt64Tensor(tensor: TensorProto, where: string): number[] {
  if (tensor.data_type !== DataType.INT64) {
    throw new OnnxFormatError(where, `has element type ${tensor.data_type}, expected INT64 (7)`);
  }
  const dims = tensorDims(tensor, where);
  const count = dims.reduce((n, d) => n * d, 1);
  const raw = tensor.raw_data;
  const held = raw ? raw.length / 8 : (tensor.int64_data?.length ?? 0);
  if (held !== count) {
    throw new OnnxFormatError(where, `declares ${count} int64 values but holds ${held}`);
  }
  if (!raw) return [...(tensor.int64_data ?? [])];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
}
