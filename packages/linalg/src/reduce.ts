import { Matrix } from "./matrix";
import { assertOutputShape, formatShape } from "./shape";

/**
 * out[i] = Σⱼ a[i,j]: (m×n) → (m×1). Summing a mini-batch of deltas over its columns
 * gives the bias gradient of BP3 for the whole batch. With `accumulate`, adds to out.
 */
export function sumRowsInto(out: Matrix, a: Matrix, accumulate = false): Matrix {
  assertOutputShape("sumRows", out, a.rows, 1);
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const row = i * n;
    for (let j = row; j < row + n; j++) s += a.data[j];
    out.data[i] = accumulate ? out.data[i] + s : s;
  }
  return out;
}

/** The m×1 vector of row sums of a (m×n). */
export function sumRows(a: Matrix): Matrix {
  return sumRowsInto(Matrix.zeros(a.rows, 1, a.dtype), a);
}

/** out[j] = Σᵢ a[i,j]: (m×n) → (1×n), e.g. the cost of each sample of a batch. */
export function sumColumnsInto(out: Matrix, a: Matrix): Matrix {
  assertOutputShape("sumColumns", out, 1, a.cols);
  const n = a.cols;
  out.data.fill(0);
  for (let i = 0; i < a.rows; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) out.data[j] += a.data[row + j];
  }
  return out;
}

/** The 1×n vector of column sums of a (m×n). */
export function sumColumns(a: Matrix): Matrix {
  return sumColumnsInto(Matrix.zeros(1, a.cols, a.dtype), a);
}

/**
 * out[j] = the row index of the largest a[i,j] (the first on ties, as numpy's argmax):
 * (m×n) → n indices. This is the predicted class of each sample of a batch.
 */
export function argmaxColumnsInto<T extends Int32Array | number[]>(out: T, a: Matrix): T {
  if (out.length !== a.cols) {
    throw new RangeError(
      `argmaxColumns: output holds ${out.length} indices but ${formatShape(a)} has ${a.cols} columns`,
    );
  }
  if (a.rows === 0 && a.cols > 0) {
    throw new RangeError(`argmaxColumns: a ${formatShape(a)} matrix has no rows to choose from`);
  }
  const n = a.cols;
  for (let j = 0; j < n; j++) {
    let best = 0;
    let bestValue = a.data[j];
    for (let i = 1; i < a.rows; i++) {
      const v = a.data[i * n + j];
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    out[j] = best;
  }
  return out;
}

/** Each column's argmax, in a new Int32Array: (m×n) → n row indices (the predicted classes). */
export function argmaxColumns(a: Matrix): Int32Array {
  return argmaxColumnsInto(new Int32Array(a.cols), a);
}
