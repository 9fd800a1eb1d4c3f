import { type DType, Matrix } from "@backprop/linalg";

/** How far two sets of outputs are apart (see {@link compareOutputs}). */
export interface Comparison {
  /** max over samples of max_i |a_i − b_i| / max_i |a_i|: the error relative to the sample's output. */
  relative: number;
  /** max over entries of |a − b| / max(|a|, |b|): also counts tiny outputs (e.g. sigmoid's e^z). */
  elementwise: number;
  /** Samples whose argmax differs. */
  argmaxDiffers: number;
}

/**
 * How far a runtime's outputs are from feedforward's, both (outputs × m) with one sample per
 * column. `relative`, the error of each sample's output vector relative to its largest entry
 * (‖a − b‖∞ / ‖a‖∞), is what the tests hold to 1e-5 in float32: a float32 dot product of 784
 * terms summed in another order moves z by ~1e-6 absolute, which is 1e-4 relative on an
 * output of 1e-4 (sigmoid far from its middle) but nothing a prediction can see.
 */
export function compareOutputs(ours: Matrix, theirs: Matrix): Comparison {
  if (ours.rows !== theirs.rows || ours.cols !== theirs.cols) {
    throw new Error(`shapes differ: ${ours.rows}×${ours.cols} vs ${theirs.rows}×${theirs.cols}`);
  }
  let elementwise = 0;
  for (let i = 0; i < ours.data.length; i++) {
    const a = ours.data[i];
    const b = theirs.data[i];
    const scale = Math.max(Math.abs(a), Math.abs(b));
    if (scale > 0) elementwise = Math.max(elementwise, Math.abs(a - b) / scale);
    else if (Number.isNaN(a) || Number.isNaN(b)) elementwise = Number.POSITIVE_INFINITY;
  }
  let relative = 0;
  let argmaxDiffers = 0;
  const m = ours.cols;
  for (let j = 0; j < m; j++) {
    let norm = 0;
    let diff = 0;
    for (let i = 0; i < ours.rows; i++) {
      norm = Math.max(norm, Math.abs(ours.data[i * m + j]));
      diff = Math.max(diff, Math.abs(ours.data[i * m + j] - theirs.data[i * m + j]));
    }
    if (norm > 0) relative = Math.max(relative, diff / norm);
    else if (diff > 0 || Number.isNaN(diff)) relative = Number.POSITIVE_INFINITY;
    let ia = 0;
    let ib = 0;
    for (let i = 1; i < ours.rows; i++) {
      if (ours.data[i * m + j] > ours.data[ia * m + j]) ia = i;
      if (theirs.data[i * m + j] > theirs.data[ib * m + j]) ib = i;
    }
    if (ia !== ib) argmaxDiffers++;
  }
  return { relative, elementwise, argmaxDiffers };
}

/** Our batch (features × m, one sample per column) as rows (m × features): ONNX's and TF.js's layout. */
export function toRows(x: Matrix): Float32Array | Float64Array {
  const out =
    x.dtype === "float64" ? new Float64Array(x.data.length) : new Float32Array(x.data.length);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) out[j * x.rows + i] = x.data[i * x.cols + j];
  return out;
}

/** Our batch of C×H×W maps (C·H·W × m) as TensorFlow.js's rows [m, H, W, C], flattened. */
export function toNhwcRows(
  x: Matrix,
  shape: { channels: number; height: number; width: number },
): Float32Array {
  const { channels: C, height: H, width: W } = shape;
  const m = x.cols;
  const out = new Float32Array(x.data.length);
  for (let s = 0; s < m; s++)
    for (let c = 0; c < C; c++)
      for (let y = 0; y < H; y++)
        for (let i = 0; i < W; i++)
          out[((s * H + y) * W + i) * C + c] = x.data[(c * H * W + y * W + i) * m + s];
  return out;
}

/** Rows (m × outputs, a runtime's) as our outputs × m matrix. */
export function fromRows(
  rows: ArrayLike<number>,
  m: number,
  outputs: number,
  dtype: DType,
): Matrix {
  const out = Matrix.zeros(outputs, m, dtype);
  for (let j = 0; j < m; j++)
    for (let i = 0; i < outputs; i++) out.data[i * m + j] = rows[j * outputs + i];
  return out;
}
