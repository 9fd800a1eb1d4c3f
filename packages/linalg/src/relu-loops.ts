import type { FloatArray } from "./matrix";

/**
 * relu's loops in plain JS, branch-free: no branch on the sign of z, which is random in
 * training (a mispredicted branch every other value made the obvious loops about 7 ns a
 * value; these take about 2). This module imports no WebAssembly, so an activation built on
 * it bundles small; relu-kernels.ts runs long arrays in SIMD with the same bits.
 */

/** out[i] = max(z[i], 0), as Math.max: NaN stays NaN, −0 gives +0. out may be z. */
export function reluLoop(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
    // v·1 + 0 = v where v > 0; v·0 + 0 = +0 for any other finite v (−0 included). Only
    // −∞ and NaN make NaN here, and Math.max settles them (rare: a predictable branch).
    let a = v * +(v > 0) + 0;
    if (Number.isNaN(a)) a = Math.max(v, 0);
    out[i] = a;
  }
}

/** out[i] = g[i]·(z[i] > 0 ? 1 : 0): a product, so −0 where g < 0, NaN where g is ∞ or NaN. */
export function reluBackwardLoop(z: FloatArray, g: FloatArray, out: FloatArray): void {
  // +(z > 0) is 1 or 0 from a comparison, not a branch.
  for (let i = 0; i < z.length; i++) out[i] = g[i] * +(z[i] > 0);
}
