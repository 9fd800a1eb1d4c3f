import fc from "fast-check";
import { Matrix } from "../src/index";

/** Dimensions from 0 to 12, biased towards the edge cases 0 and 1. */
export const dimension = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: 12 }) },
);

/** Finite values of moderate size, so sums stay far from overflow. */
const value = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });

export function matrixOf(rows: number, cols: number) {
  return fc
    .array(value, { minLength: rows * cols, maxLength: rows * cols })
    .map((values) => Matrix.fromFlat(rows, cols, values));
}

/** A random matrix of random shape. */
export const anyMatrix = fc
  .tuple(dimension, dimension)
  .chain(([rows, cols]) => matrixOf(rows, cols));

/** Two random matrices of one random shape. */
export const samePair = fc
  .tuple(dimension, dimension)
  .chain(([rows, cols]) => fc.tuple(matrixOf(rows, cols), matrixOf(rows, cols)));

/** |x − y| ≤ tol·(1 + |y|) for every element: what reordered floating-point sums allow. */
export function expectClose(actual: Matrix, expected: Matrix, tol = 1e-12): void {
  if (actual.rows !== expected.rows || actual.cols !== expected.cols) {
    throw new Error(`shape ${actual.rows}×${actual.cols} ≠ ${expected.rows}×${expected.cols}`);
  }
  for (let i = 0; i < actual.data.length; i++) {
    const x = actual.data[i];
    const y = expected.data[i];
    if (!(Math.abs(x - y) <= tol * (1 + Math.abs(y)))) {
      throw new Error(`element ${i}: ${x} ≠ ${y} (tolerance ${tol})`);
    }
  }
}
