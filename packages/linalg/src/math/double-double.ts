/**
 * Double-double arithmetic: a value as the unevaluated sum hi + lo of two doubles (about 106
 * bits), from +, −, × and √ only, so every engine computes the same pair (Dekker 1971,
 * Knuth). For exp's table (exp2-table.ts) and Adam's βᵗ (pow-integer.ts).
 */
export type DoubleDouble = [hi: number, lo: number];

/** 2²⁷ + 1: splits a double into two 26-bit halves whose products are exact (Dekker). */
const SPLITTER = 134217729;

/** a·b exactly, as the rounded product and its error (Dekker's two-product, no FMA). */
export function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** a + b as hi + lo with hi = fl(a + b), for |a| ≥ |b|. */
export function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return [s, b - (s - a)];
}

export function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [p, e] = twoProduct(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

/** √a by one Newton step from the double square root: x + (a − x²)/(2x). */
export function squareRoot(a: DoubleDouble): DoubleDouble {
  const x = Math.sqrt(a[0]);
  const [p, e] = twoProduct(x, x);
  return quickTwoSum(x, (a[0] - p - e + a[1]) / (2 * x));
}
