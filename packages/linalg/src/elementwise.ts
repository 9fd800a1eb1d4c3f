import { Matrix } from "./matrix";
import { assertSameShape } from "./shape";

/**
 * Element-wise kernels. Each `…Into(out, …)` writes into `out` (which may be one of the
 * inputs) and allocates nothing; the plain form allocates its result and calls it.
 * All take matrices of one shape: (m×n), (m×n) → (m×n).
 */

function checkBinary(what: string, out: Matrix, a: Matrix, b: Matrix): void {
  assertSameShape(what, a, b);
  assertSameShape(what, out, a);
}

/** out = a + b */
export function addInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  checkBinary("add", out, a, b);
  const o = out.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < o.length; i++) o[i] = x[i] + y[i];
  return out;
}

/** a + b in a new matrix: (m×n) + (m×n) → (m×n). */
export function add(a: Matrix, b: Matrix): Matrix {
  return addInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, b);
}

/** out = a − b */
export function subtractInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  checkBinary("subtract", out, a, b);
  const o = out.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < o.length; i++) o[i] = x[i] - y[i];
  return out;
}

/** a − b in a new matrix, e.g. the quadratic cost's a − y: (m×n) − (m×n) → (m×n). */
export function subtract(a: Matrix, b: Matrix): Matrix {
  return subtractInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, b);
}

/** out = a ⊙ b (the Hadamard product of BP1 and BP2) */
export function hadamardInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  checkBinary("hadamard", out, a, b);
  const o = out.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < o.length; i++) o[i] = x[i] * y[i];
  return out;
}

/** a ⊙ b, element by element, in a new matrix: (m×n) ⊙ (m×n) → (m×n). */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  return hadamardInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, b);
}

/** out = s·a */
export function scaleInto(out: Matrix, a: Matrix, s: number): Matrix {
  assertSameShape("scale", out, a);
  const o = out.data;
  const x = a.data;
  for (let i = 0; i < o.length; i++) o[i] = s * x[i];
  return out;
}

/** s·a in a new matrix: (m×n) → (m×n). */
export function scale(a: Matrix, s: number): Matrix {
  return scaleInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, s);
}

/** y ← α·x + y, in place on `y` (BLAS axpy: the gradient-descent update w ← w − (η/m)·∇w). */
export function axpyInto(y: Matrix, alpha: number, x: Matrix): Matrix {
  assertSameShape("axpy", y, x);
  const o = y.data;
  const d = x.data;
  for (let i = 0; i < o.length; i++) o[i] += alpha * d[i];
  return y;
}

/** α·x + y as a new matrix. */
export function axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
  return axpyInto(y.clone(), alpha, x);
}

/** out[i] = f(a[i]): for one-off maps; hot activations are written as loops of their own. */
export function mapInto(out: Matrix, a: Matrix, f: (value: number) => number): Matrix {
  assertSameShape("map", out, a);
  const o = out.data;
  const x = a.data;
  for (let i = 0; i < o.length; i++) o[i] = f(x[i]);
  return out;
}

/** f applied to every element, in a new matrix: (m×n) → (m×n). */
export function map(a: Matrix, f: (value: number) => number): Matrix {
  return mapInto(Matrix.zeros(a.rows, a.cols, a.dtype), a, f);
}
