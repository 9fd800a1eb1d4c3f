/*
 * After fdlibm's sin and cos (s_sin.c, s_cos.c):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
import { highWord } from "./float-bits";
import { kernelCos, kernelSin } from "./trig-kernels";

/** x − n·π/2 into y[0] + y[1], returning n: reduceHalfPi for any x, reduceModerate for small ones. */
export type Reducer = (x: number, y: Float64Array) => number;

/** The reduced argument y[0] + y[1], reused (no allocation per call). */
const reduced = new Float64Array(2);

/**
 * sin x, the same double on every JavaScript engine (`Math.sin` may differ between engines
 * in the last bit; Box–Muller's normals use it). Error below 1 ulp (fdlibm's kernels;
 * measured in tests). x is reduced to y = x − n·π/2, |y| ≤ π/4, and by n mod 4:
 *   n ≡ 0: sin y,  1: cos y,  2: −sin y,  3: −cos y.
 * Specials as Math.sin: ±0 → ±0, ±∞ and NaN → NaN.
 */
export function sinBy(x: number, reduce: Reducer): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≲ π/4
    if (ix < 0x3e500000) return x; // |x| < 2⁻²⁶: sin x rounds to x (keeps ±0)
    return kernelSin(x, 0, false);
  }
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduce(x, reduced);
  switch (n & 3) {
    case 0:
      return kernelSin(reduced[0], reduced[1], true);
    case 1:
      return kernelCos(reduced[0], reduced[1]);
    case 2:
      return -kernelSin(reduced[0], reduced[1], true);
    default:
      return -kernelCos(reduced[0], reduced[1]);
  }
}

/**
 * cos x, the same double on every JavaScript engine; see sin. By n mod 4:
 *   n ≡ 0: cos y,  1: −sin y,  2: −cos y,  3: sin y.
 * Specials as Math.cos: ±0 → 1, ±∞ and NaN → NaN.
 */
export function cosBy(x: number, reduce: Reducer): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e46a09e) return 1; // |x| < 2⁻²⁷·√2: cos x rounds to 1
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduce(x, reduced);
  switch (n & 3) {
    case 0:
      return kernelCos(reduced[0], reduced[1]);
    case 1:
      return -kernelSin(reduced[0], reduced[1], true);
    case 2:
      return -kernelCos(reduced[0], reduced[1]);
    default:
      return kernelSin(reduced[0], reduced[1], true);
  }
}
