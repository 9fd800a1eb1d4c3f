/*
 * After fdlibm's __kernel_sin and __kernel_cos (k_sin.c, k_cos.c, as in FreeBSD msun and musl):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

// sin x ≈ x + S1·x³ + … + S6·x¹³ on [−π/4, π/4]; |sin x/x − (1 + S1x² + … + S6x¹²)| ≤ 2⁻⁵⁸ (Remez)
const S1 = -0.16666666666666632; // 0xBFC55555_55555549
const S2 = 0.00833333333332249; // 0x3F811111_1110F8A6
const S3 = -0.0001984126982985795; // 0xBF2A01A0_19C161D5
const S4 = 0.0000027557313707070068; // 0x3EC71DE3_57B1FE7D
const S5 = -2.5050760253406863e-8; // 0xBE5AE5E6_8A2B9CEB
const S6 = 1.58969099521155e-10; // 0x3DE5D93A_5ACFD57C

// cos x ≈ 1 − x²/2 + C1·x⁴ + … + C6·x¹⁴ on [−π/4, π/4], error ≤ 2⁻⁵⁸ (Remez)
const C1 = 0.0416666666666666; // 0x3FA55555_5555554C
const C2 = -0.001388888888887411; // 0xBF56C16C_16C15177
const C3 = 0.00002480158728947673; // 0x3EFA01A0_19CB1590
const C4 = -2.7557314351390663e-7; // 0xBE927E4F_809C52AD
const C5 = 2.087572321298175e-9; // 0x3E21EE9E_BDB4B1C4
const C6 = -1.1359647557788195e-11; // 0xBDA8FAE9_BE8838D4

/**
 * sin(x + y) for |x + y| ≤ ~π/4, where y is the tail of a reduced argument (0 if none):
 * sin(x + y) ≈ sin x + (1 − x²/2)·y, arranged as x + (S1·x³ + (x²·(r − y/2) + y)).
 * Callers return ±0 themselves (the polynomial does not keep −0).
 */
export function kernelSin(x: number, y: number, hasTail: boolean): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (!hasTail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/**
 * cos(x + y) for |x + y| ≤ ~π/4: cos(x + y) ≈ cos x − x·y, written as
 * w + ((1 − w − x²/2) + (z·r − x·y)) with w = 1 − x²/2 rounded and its rounding error put back.
 */
export function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}
