/*
 * After fdlibm's expm1 (s_expm1.c, as in FreeBSD msun and musl):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
import { fromWords, highWord } from "./float-bits";
import { LN2_HI, LN2_LO } from "./log-kernel";

const O_THRESHOLD = 709.782712893384; // 0x40862E42_FEFA39EF: ln of the largest double
const INV_LN2 = Math.LOG2E; // 1/ln 2, 0x3FF71547_652B82FE (a spec constant, the same everywhere)
// Remez coefficients of R1(z) ≈ 6/r·((eʳ+1)/(eʳ−1) − 2/r) = 1 − r²/60 + …, scaled by 2ⁿ for z = r²/2
const Q1 = -0.03333333333333313; // 0xBFA11111_111110F4
const Q2 = 0.0015873015872548146; // 0x3F5A01A0_19FE5585
const Q3 = -0.0000793650757867488; // 0xBF14CE19_9EAADBB7
const Q4 = 0.000004008217827329362; // 0x3ED0CFCA_86E65239
const Q5 = -2.0109921818362437e-7; // 0xBE8AFDB7_6E09C32D

/**
 * eˣ − 1, accurate near 0 (where eˣ − 1 would cancel), the same double on every engine.
 * Error below 1 ulp (fdlibm's analysis; measured in tests).
 *
 * Method (fdlibm): x = k·ln2 + r (|r| ≤ ln2/2, with a correction c for the rounding of r);
 * expm1(r) from a rational form r + r²/2 + r³/2·(3 − (R1 + R1·r/2))/(6 − r·(3 − R1·r/2)) that
 * keeps the rounding small; then 2ᵏ·(expm1(r) + 1) − 1 arranged per k to avoid cancellation.
 *
 * Specials as Math.expm1: NaN → NaN, +∞ → +∞, −∞ → −1, ±0 → ±0, overflow → +∞.
 */
export function expm1(x: number): number {
  const hxSigned = highWord(x);
  const hx = hxSigned & 0x7fffffff;
  const negative = hxSigned < 0;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2, or not finite
    if (Number.isNaN(x)) return x;
    if (negative) return -1;
    if (x > O_THRESHOLD) return Number.POSITIVE_INFINITY;
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2: k = ±1
      if (!negative) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI; // exact here
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2⁻⁵⁴: expm1(x) = x (keeps −0)
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  // eˣ ≈ 2ᵏ·(r − e + 1)
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k < 0 || k > 56) {
    // the −1 no longer cancels anything
    let y = x - e + 1;
    if (k === 1024)
      y = y * 2 * 8.98846567431158e307; // 2¹⁰²³
    else y *= fromWords((0x3ff + k) << 20, 0); // 2ᵏ
    return y - 1;
  }
  const twoToK = fromWords((0x3ff + k) << 20, 0);
  const twoToMinusK = fromWords((0x3ff - k) << 20, 0);
  if (k < 20) return (x - e + (1 - twoToMinusK)) * twoToK;
  return (x - (e + twoToMinusK) + 1) * twoToK;
}
