/*
 * After fdlibm's log1p (s_log1p.c, as in FreeBSD msun and musl):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
import { highWord, withHighWord } from "./float-bits";
import { LN2_HI, LN2_LO, logPolynomial } from "./log-kernel";

/**
 * ln(1 + x), accurate also where 1 + x would round away x (softplus, log-sigmoid costs), the
 * same double on every engine. Error below 1 ulp (fdlibm's analysis; measured in tests).
 *
 * Method (fdlibm): 1 + x = 2ᵏ·(1 + f) with √2/2 < 1 + f < √2. For k = 0, f = x exactly.
 * Otherwise u = 1 + x is rounded; the correction c = (1 + x − u)/u is added back
 * (ln(1 + x) − ln u ≈ c). Then ln(1 + f) as in log.ts and k·ln2 in two parts.
 *
 * Specials as Math.log1p: log1p(−1) = −∞, log1p(x < −1) = NaN, log1p(+∞) = +∞, NaN → NaN,
 * ±0 → ±0, |x| < 2⁻⁵³ → x.
 */
export function log1p(x: number): number {
  const hx = highWord(x);
  let k = 1;
  let c = 0;
  let f = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2 (hx is signed: this takes every x < 0 too)
    if (x <= -1) return x === -1 ? Number.NEGATIVE_INFINITY : Number.NaN;
    if (Number.isNaN(x)) return x;
    if ((hx & 0x7fffffff) < 0x3ca00000) return x; // |x| < 2⁻⁵³ (keeps −0)
    if (hx >= 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2 ≤ 1 + x < √2: f = x exactly
      k = 0;
      f = x;
    }
  } else if (hx >= 0x7ff00000) {
    return x; // +∞ or NaN
  }
  if (k !== 0) {
    const u = 1 + x;
    let hu = highWord(u);
    hu += 0x3ff00000 - 0x3fe6a09e;
    k = (hu >>> 20) - 0x3ff; // hu may pass 2³¹: read it unsigned
    // The rounding error of u: ln(1 + x) − ln u ≈ (1 + x − u)/u; negligible for k ≥ 54.
    if (k < 54) {
      c = k >= 2 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    }
    hu = (hu & 0x000fffff) + 0x3fe6a09e; // u scaled into [√2/2, √2)
    f = withHighWord(u, hu) - 1;
  }
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const R = logPolynomial(s);
  return s * (hfsq + R) + (k * LN2_LO + c) - hfsq + f + k * LN2_HI;
}
