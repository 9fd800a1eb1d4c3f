import { Matrix } from "./matrix";
import { assertOutputShape } from "./shape";

/** out = aᵀ: (m×n) → (n×m). `out` must not be `a`. Kernels read transposes in place; this is for people. */
export function transposeInto(out: Matrix, a: Matrix): Matrix {
  assertOutputShape("transpose", out, a.cols, a.rows);
  if (out.data === a.data && a.data.length > 1) {
    throw new RangeError("transpose: the output must not share storage with the input");
  }
  const m = a.rows;
  const n = a.cols;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out.data[j * m + i] = a.data[i * n + j];
  }
  return out;
}

/** aᵀ in a new matrix: (m×n) → (n×m). */
export function transpose(a: Matrix): Matrix {
  return transposeInto(Matrix.zeros(a.cols, a.rows, a.dtype), a);
}
