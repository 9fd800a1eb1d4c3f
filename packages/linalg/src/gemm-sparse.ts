import type { Matrix } from "./matrix";
import { formatShape } from "./shape";
import type { SparseColumns } from "./sparse-columns";

/**
 * Products with a sparse right-hand side, for a network's first layer on sparse inputs.
 * The sums visit the non-zeros in the order a dense loop visits them, skipping only terms
 * that are exactly zero, so they equal the dense product (within the reordering tolerance
 * of the dense kernels).
 */

function mismatch(what: string, a: Matrix, s: SparseColumns, detail: string): RangeError {
  return new RangeError(
    `${what}: cannot multiply ${formatShape(a)} by sparse ${s.rows}×${s.cols}: ${detail}`,
  );
}

/**
 * C = A·S: (m×k)·(k×n) → (m×n); c[i,j] = Σ over column j's non-zeros of a[i,row]·value.
 * Four rows of A at a time, so each non-zero's index and value are loaded once per four
 * rows (register blocking); each sum still runs over the non-zeros in order.
 */
export function gemmSparseInto(c: Matrix, a: Matrix, s: SparseColumns): Matrix {
  if (a.cols !== s.rows)
    throw mismatch("gemmSparse", a, s, `inner dimensions ${a.cols} and ${s.rows} differ`);
  if (c.rows !== a.rows || c.cols !== s.cols) {
    throw mismatch(
      "gemmSparse",
      a,
      s,
      `output is ${formatShape(c)}, the product is ${a.rows}×${s.cols}`,
    );
  }
  const { colStart, rowIndex, values } = s;
  const ad = a.data;
  const cd = c.data;
  const k = a.cols;
  const n = s.cols;
  const m = a.rows;
  const m4 = m - (m % 4);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let j = 0; j < n; j++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = colStart[j]; t < colStart[j + 1]; t++) {
        const row = rowIndex[t];
        const v = values[t];
        s0 += ad[r0 + row] * v;
        s1 += ad[r1 + row] * v;
        s2 += ad[r2 + row] * v;
        s3 += ad[r3 + row] * v;
      }
      cd[i * n + j] = s0;
      cd[(i + 1) * n + j] = s1;
      cd[(i + 2) * n + j] = s2;
      cd[(i + 3) * n + j] = s3;
    }
  }
  for (let i = m4; i < m; i++) {
    const r0 = i * k;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let t = colStart[j]; t < colStart[j + 1]; t++) sum += ad[r0 + rowIndex[t]] * values[t];
      cd[i * n + j] = sum;
    }
  }
  return c;
}

/**
 * C = A·Sᵀ: (m×n)·(n×k) → (m×k), with S stored k×n (BP4 on sparse inputs: δ·xᵀ).
 * c[i,row] = Σⱼ a[i,j]·S[row,j], scattering each non-zero of column j into rows of C,
 * four rows at a time as in `gemmSparseInto`.
 */
export function gemmSparseTransposedInto(c: Matrix, a: Matrix, s: SparseColumns): Matrix {
  if (a.cols !== s.cols)
    throw mismatch("gemmSparseTransposed", a, s, `A has ${a.cols} columns, Sᵀ has ${s.cols} rows`);
  if (c.rows !== a.rows || c.cols !== s.rows) {
    throw mismatch(
      "gemmSparseTransposed",
      a,
      s,
      `output is ${formatShape(c)}, the product is ${a.rows}×${s.rows}`,
    );
  }
  const { colStart, rowIndex, values } = s;
  const ad = a.data;
  const cd = c.data;
  const n = a.cols;
  const k = s.rows;
  const m = a.rows;
  const m4 = m - (m % 4);
  cd.fill(0);
  for (let i = 0; i < m4; i += 4) {
    const c0 = i * k;
    const c1 = c0 + k;
    const c2 = c1 + k;
    const c3 = c2 + k;
    for (let j = 0; j < n; j++) {
      const d0 = ad[i * n + j];
      const d1 = ad[(i + 1) * n + j];
      const d2 = ad[(i + 2) * n + j];
      const d3 = ad[(i + 3) * n + j];
      for (let t = colStart[j]; t < colStart[j + 1]; t++) {
        const row = rowIndex[t];
        const v = values[t];
        cd[c0 + row] += d0 * v;
        cd[c1 + row] += d1 * v;
        cd[c2 + row] += d2 * v;
        cd[c3 + row] += d3 * v;
      }
    }
  }
  for (let i = m4; i < m; i++) {
    const c0 = i * k;
    for (let j = 0; j < n; j++) {
      const d = ad[i * n + j];
      for (let t = colStart[j]; t < colStart[j + 1]; t++) cd[c0 + rowIndex[t]] += d * values[t];
    }
  }
  return c;
}
