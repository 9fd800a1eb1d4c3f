import type { Matrix } from "./matrix";

/**
 * True when a and b have the same shape and every pair of elements satisfies
 * |aᵢ − bᵢ| ≤ atol + rtol·|bᵢ| (numpy's `allclose`). NaN equals nothing.
 */
export function approxEqual(a: Matrix, b: Matrix, rtol = 1e-9, atol = 0): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}
