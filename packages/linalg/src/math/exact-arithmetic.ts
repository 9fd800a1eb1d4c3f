/**
 * Error-free transformations: the exact rounding error of one floating-point operation,
 * itself a double, from basic operations alone (no fused multiply-add, which JavaScript
 * does not have). They let a few steps carry about twice a double's precision.
 */

const SPLITTER = 134217729; // 2²⁷ + 1

/**
 * a·b − product exactly, where product = a·b rounded (Dekker 1971, with Veltkamp's split of
 * each factor into two 26-bit halves whose products are exact). For |a|, |b| < 2⁹⁹⁵.
 */
export function productError(a: number, b: number, product: number): number {
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** a + b − sum exactly, where sum = a + b rounded (Knuth's TwoSum: any order of magnitudes). */
export function sumError(a: number, b: number, sum: number): number {
  const bb = sum - a;
  return a - (sum - bb) + (b - bb);
}
