/*
 * The polynomial of fdlibm's logarithms (e_log.c, s_log1p.c):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

/**
 * With 1 + f = (1 + s)/(1 − s), i.e. s = f/(2 + f):
 *   ln(1 + f) = ln(1 + s) − ln(1 − s) = 2s + (2/3)s³ + (2/5)s⁵ + … = 2s + s·R(s²)
 * For √2/2 < 1 + f < √2, |s| ≤ 0.1716, and R(z) = Lg1·z + Lg2·z² + … + Lg7·z⁷ (a Remez
 * minimax polynomial) is within 2⁻⁵⁸·⁴⁵ of the true R there. Returns R for s.
 * Evaluated as two interleaved halves in z² (fdlibm's order, kept so that the rounding is
 * fdlibm's).
 */
export function logPolynomial(s: number): number {
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return t2 + t1;
}

const LG1 = 0.6666666666666735; // 0x3FE55555_55555593
const LG2 = 0.3999999999940942; // 0x3FD99999_9997FA04
const LG3 = 0.2857142874366239; // 0x3FD24924_94229359
const LG4 = 0.22222198432149784; // 0x3FCC71C5_1D8E78AF
const LG5 = 0.1818357216161805; // 0x3FC74664_96CB03DE
const LG6 = 0.15313837699209373; // 0x3FC39A09_D078C69F
const LG7 = 0.14798198605116586; // 0x3FC2F112_DF3E5244

/** ln 2 = LN2_HI + LN2_LO; LN2_HI has its last 32 bits zero, so k·LN2_HI is exact for |k| < 2000. */
export const LN2_HI = 0.6931471803691238; // 0x3FE62E42_FEE00000
export const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF_35793C76
