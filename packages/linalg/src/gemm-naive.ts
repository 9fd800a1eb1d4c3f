import type { Matrix } from "./matrix";

/**
 * The reference for `gemmInto`: C = α·op(A)·op(B) + β·C by the textbook triple loop,
 * reading op(A)[i][p] and op(B)[p][j] through index arithmetic. Slow and obviously right:
 * the fast kernels are tested against it and benchmarked beside it. No shape checks.
 */
export function gemmNaiveInto(
  c: Matrix,
  a: Matrix,
  b: Matrix,
  alpha = 1,
  beta = 0,
  transA = false,
  transB = false,
): Matrix {
  const m = c.rows;
  const n = c.cols;
  const k = transA ? a.rows : a.cols;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a.data[p * a.cols + i] : a.data[i * a.cols + p];
        const bpj = transB ? b.data[j * b.cols + p] : b.data[p * b.cols + j];
        sum += aip * bpj;
      }
      const old = beta === 0 ? 0 : beta * c.data[i * n + j];
      c.data[i * n + j] = alpha * sum + old;
    }
  }
  return c;
}
