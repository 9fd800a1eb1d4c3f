import { Matrix } from "./matrix";
import { assertSameShape, formatShape } from "./shape";

/**
 * out[i,j] = a[i,j] + v[i]: adds the column vector v (m×1) to every column of a (m×n).
 * This is the bias of a layer applied to a whole mini-batch: z = w·a + b.
 */
export function addColumnVectorInto(out: Matrix, a: Matrix, v: Matrix): Matrix {
  assertSameShape("addColumnVector", out, a);
  if (v.cols !== 1 || v.rows !== a.rows) {
    throw new RangeError(
      `addColumnVector: the vector must be ${a.rows}×1 to add to every column of ${formatShape(a)}, got ${formatShape(v)}`,
    );
  }
  const m = a.rows;
  const n = a.cols;
  const to = out.data;
  const from = a.data;
  for (let i = 0; i < m; i++) {
    const vi = v.data[i];
    const row = i * n;
    for (let j = row; j < row + n; j++) to[j] = from[j] + vi;
  }
  return out;
}

/** a + v broadcast over columns, in a new matrix: (m×n) + (m×1) → (m×n). */
export function addColumnVector(a: Matrix, v: Matrix): Matrix {
  return addColumnVectorInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, v);
}
