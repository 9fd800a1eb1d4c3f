import { reduceHalfPi } from "./reduce-angle";
import { reduceModerate } from "./reduce-medium";
import { cosBy, sinBy } from "./sin-cos-core";

/**
 * sin x, the same double on every JavaScript engine (`Math.sin` may differ between engines
 * in the last bit). Error below 1 ulp (fdlibm's kernels; measured in tests). Specials as
 * Math.sin: ±0 → ±0, ±∞ and NaN → NaN. See sin-cos-core.ts.
 */
export function sin(x: number): number {
  return sinBy(x, reduceHalfPi);
}

/** cos x, the same double on every JavaScript engine; see sin. Specials as Math.cos. */
export function cos(x: number): number {
  return cosBy(x, reduceHalfPi);
}

/**
 * sin and cos for |x| < 2²⁰·π/2 only, equal to sin and cos there: for Box–Muller's angles in
 * [0, 2π), so that a bundle with Rng does not carry the table huge arguments need.
 */
export function sinModerate(x: number): number {
  return sinBy(x, reduceModerate);
}

/** cos for |x| < 2²⁰·π/2 only; see sinModerate. */
export function cosModerate(x: number): number {
  return cosBy(x, reduceModerate);
}
