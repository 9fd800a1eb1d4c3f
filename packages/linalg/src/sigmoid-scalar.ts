import { exp } from "./math/exp";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ), the seed's activation, for one value.
 * For z < 0 it computes eᶻ / (1 + eᶻ) instead, so e⁻ᶻ never overflows: σ(−1000) is 0
 * and σ(1000) is 1, with no Infinity on the way. Both forms agree to rounding.
 * exp is linalg's, the same double on every engine (Math.exp differs in the last bit between
 * them), so a seed gives the same weights on Node, Bun, Deno and in browsers.
 *
 * The reference of sigmoidInto's loops and kernels (sigmoid-kernels.ts): they store exactly
 * this double (rounded once, into a Float32Array) for every z.
 */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}
