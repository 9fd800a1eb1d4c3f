import type { Matrix } from "@backprop/linalg";

/** min … max, mean and Euclidean norm of a matrix's entries: enough to see a layer at a glance. */
export interface Summary {
  /** The smallest entry. */
  min: number;
  /** The largest entry. */
  max: number;
  /** The mean of the entries. */
  mean: number;
  /** √(Σ entry²). */
  norm: number;
}

/** The {@link Summary} of m's entries. */
export function summary(m: Matrix): Summary {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let squares = 0;
  for (const v of m.data) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    squares += v * v;
  }
  return { min, max, mean: sum / m.data.length, norm: Math.sqrt(squares) };
}

/** "name size: min …, mean …, max …, ‖·‖ …", small numbers in exponent form. */
export function describeValues(name: string, size: string, m: Matrix): string {
  const s = summary(m);
  const f = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));
  return `${name} ${size}: min ${f(s.min)}, mean ${f(s.mean)}, max ${f(s.max)}, ‖·‖ ${f(s.norm)}`;
}
