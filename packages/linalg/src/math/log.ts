/*
 * After fdlibm's __ieee754_log (e_log.c):
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

/** 2⁵⁴, to lift a subnormal x into the normal range. */
const TWO54 = 18014398509481984;

/**
 * ln x, the same double on every JavaScript engine (IEEE-754 basic operations and exact bit
 * manipulation only; `Math.log` may differ between engines in the last bit). Error below
 * 1 ulp (fdlibm's analysis; measured in test/math-reference.test.ts).
 *
 * Method (fdlibm):
 *   x = 2ᵏ·(1 + f) with √2/2 < 1 + f < √2, read from x's exponent bits (exact);
 *   ln x = k·ln2 + ln(1 + f), ln(1 + f) = f − s·(f − R) or f − (f²/2 − s·(f²/2 + R)),
 *   s = f/(2 + f), R from log-kernel.ts; ln2 in two parts so k·LN2_HI is exact.
 *
 * Specials as Math.log: ln(±0) = −∞, ln(x < 0) = NaN, ln(+∞) = +∞, ln(NaN) = NaN, ln 1 = +0.
 */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2⁻¹⁰²²: zero, negative, subnormal (or a negative NaN, caught below)
    if (x === 0) return Number.NEGATIVE_INFINITY;
    if (!(x > 0)) return Number.NaN; // x < 0 or NaN
    k -= 54;
    x *= TWO54; // exact
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // i = 0x100000 when the significand is ≥ √2 (0x6a09e): then use x/2 and k + 1.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // 1 + f, in [√2/2, √2)
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2⁻²⁰: ln(1 + f) ≈ f − f²/2 + f³/3
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const R = logPolynomial(s);
  // Within about 0.15 of √2/2 or √2 (|f| large) the f²/2 form keeps more bits.
  const large = ((hx - 0x6147a) | (0x6b851 - hx)) > 0;
  if (large) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}
