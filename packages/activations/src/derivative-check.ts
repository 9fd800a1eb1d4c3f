import { Matrix } from "@backprop/linalg";
import type { Activation } from "./activation";

/** One point where the analytic derivative and central differences disagree. */
export interface DerivativeMismatch {
  /** Where: the input value (element-wise) or "column k, element i" (softmax-like). */
  at: number | string;
  /** The derivative the activation computed (σ′, or the backward product for softmax). */
  analytic: number;
  /** The central difference (f(x+h) − f(x−h)) / 2h at the same point. */
  numeric: number;
  /** |analytic − numeric| / max(1, |analytic|, |numeric|). */
  error: number;
}

/** What {@link checkActivationDerivative} found. */
export interface DerivativeReport {
  /** True when every comparison's error is within the tolerance (and none is NaN). */
  ok: boolean;
  /** How many derivative values were compared. */
  checked: number;
  /** The comparison with the largest error, whether or not it fails. */
  worst: DerivativeMismatch;
  /** Every comparison over the tolerance, worst first. */
  failures: DerivativeMismatch[];
}

/** Where and how strictly {@link checkActivationDerivative} compares. */
export interface DerivativeCheckOptions {
  /** Points to test; the default spans near 0, moderate and large |x| (±1e-3 … ±1000). */
  points?: readonly number[];
  /** Allowed error; default 1e-6. */
  tolerance?: number;
}

const DEFAULT_POINTS = [
  -1000, -50, -20, -8, -3, -1.5, -1, -0.5, -0.1, -1e-3, 1e-3, 0.1, 0.5, 1, 1.5, 3, 8, 20, 50, 1000,
];

function mismatch(at: number | string, analytic: number, numeric: number): DerivativeMismatch {
  const scale = Math.max(1, Math.abs(analytic), Math.abs(numeric));
  const error = Math.abs(analytic - numeric) / scale;
  return { at, analytic, numeric, error: Number.isNaN(error) ? Number.POSITIVE_INFINITY : error };
}

/** f(x ± h) by running the activation on a 1×n row of shifted points. */
function valuesAt(activation: Activation, xs: readonly number[]): Float64Array {
  const z = Matrix.fromFlat(1, xs.length, xs);
  const out = Matrix.zeros(1, xs.length);
  activation.fn(z, out);
  return out.data as Float64Array;
}

/**
 * Checks an activation's derivative against central differences, (f(x+h) − f(x−h)) / 2h
 * with h = 1e-5·max(1, |x|). Element-wise activations are checked through both
 * `derivative` and `backward` (what backprop calls); others (softmax) through `backward`
 * on columns of the given points. Returns where and by how much it fails.
 */
export function checkActivationDerivative(
  activation: Activation,
  options: DerivativeCheckOptions = {},
): DerivativeReport {
  const points = options.points ?? DEFAULT_POINTS;
  const tolerance = options.tolerance ?? 1e-6;
  const results = activation.elementwise
    ? checkElementwise(activation, points)
    : checkColumns(activation, points);
  results.sort((a, b) => b.error - a.error);
  const failures = results.filter((r) => !(r.error <= tolerance));
  return { ok: failures.length === 0, checked: results.length, worst: results[0], failures };
}

function checkElementwise(activation: Activation, points: readonly number[]): DerivativeMismatch[] {
  const n = points.length;
  const steps = points.map((x) => 1e-5 * Math.max(1, Math.abs(x)));
  const plus = valuesAt(
    activation,
    points.map((x, i) => x + steps[i]),
  );
  const minus = valuesAt(
    activation,
    points.map((x, i) => x - steps[i]),
  );
  const z = Matrix.fromFlat(1, n, points);
  const derivative = Matrix.zeros(1, n);
  activation.derivative(z, derivative);
  const a = Matrix.zeros(1, n);
  activation.fn(z, a);
  const ones = Matrix.zeros(1, n).fill(1);
  const viaBackward = Matrix.zeros(1, n);
  activation.backward(z, a, ones, viaBackward, Matrix.zeros(1, n));
  const results: DerivativeMismatch[] = [];
  for (let i = 0; i < n; i++) {
    const numeric = (plus[i] - minus[i]) / (2 * steps[i]);
    results.push(mismatch(points[i], derivative.data[i], numeric));
    results.push(mismatch(points[i], viaBackward.data[i], numeric));
  }
  return results;
}

/**
 * For activations that mix a column: with fixed weights g, L(z) = Σᵢ gᵢσ(z)ᵢ has gradient
 * J(z)ᵀg, which is what `backward` must return. Columns of 4 taken from the points, scaled
 * down (softmax of ±1000 differences is numerically flat), and weights g = 1, −2, 3, −4.
 */
function checkColumns(activation: Activation, points: readonly number[]): DerivativeMismatch[] {
  const rows = 4;
  const g = [1, -2, 3, -4];
  const results: DerivativeMismatch[] = [];
  for (let start = 0; start + rows <= points.length; start += rows) {
    const column = points
      .slice(start, start + rows)
      .map((x) => Math.sign(x) * Math.min(Math.abs(x), 30));
    const z = Matrix.column(column);
    const a = Matrix.zeros(rows, 1);
    activation.fn(z, a);
    const delta = Matrix.zeros(rows, 1);
    activation.backward(z, a, Matrix.column(g), delta, Matrix.zeros(rows, 1));
    const weighted = (values: number[]) => {
      const out = Matrix.zeros(rows, 1);
      activation.fn(Matrix.column(values), out);
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += out.data[i] * g[i];
      return sum;
    };
    for (let i = 0; i < rows; i++) {
      const h = 1e-5 * Math.max(1, Math.abs(column[i]));
      const up = column.slice();
      const down = column.slice();
      up[i] += h;
      down[i] -= h;
      const numeric = (weighted(up) - weighted(down)) / (2 * h);
      results.push(mismatch(`column ${start / rows}, element ${i}`, delta.data[i], numeric));
    }
  }
  return results;
}
