import { type DoubleDouble, multiply } from "./double-double";

/**
 * xⁿ for a whole n ≥ 0, the same double on every engine: binary exponentiation (square and
 * multiply) in double-double arithmetic, rounded once at the end, so within about an ulp
 * of the true value. `x ** n` and Math.pow are implementation-approximated and differ
 * between engines in the last bit; Adam's bias corrections 1 − βᵗ use this instead.
 */
export function powInteger(x: number, n: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`powInteger: n must be a whole number ≥ 0, got ${n}`);
  let result: DoubleDouble = [1, 0];
  let base: DoubleDouble = [x, 0];
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = multiply(result, base);
    base = multiply(base, base);
  }
  return result[0] + result[1];
}
