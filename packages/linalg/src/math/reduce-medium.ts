/*
 * The medium-size reduction follows fdlibm's __ieee754_rem_pio2 (e_rem_pio2.c):
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
import { highWord } from "./float-bits";

/** 1.5·2⁵²: v + SHIFT − SHIFT rounds v to an integer. */
const SHIFT = 6755399441055744;
const INV_PIO2 = 0.6366197723675814; // 0x3FE45F30_6DC9C883, 53 bits of 2/π
// π/2 in 33-bit pieces (so n·piece is exact for n < 2²⁰) and what each leaves out:
const PIO2_1 = 1.5707963267341256; // 0x3FF921FB_54400000
const PIO2_1T = 6.077100506506192e-11; // π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // 0x3DD0B461_1A600000
const PIO2_2T = 2.0222662487959506e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111665e-21; // 0x3BA3198A_2E000000
const PIO2_3T = 8.4784276603689e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/**
 * |x| < 2²⁰·π/2 (Cody–Waite, as fdlibm): r = x − n·PIO2_1 is exact; each further piece of π/2
 * is subtracted only when the result has cancelled enough bits to need it (85, 118, then
 * 151 bits of π/2: enough for every double in this range).
 */
export function reduceMedium(x: number, ix: number, y: Float64Array): number {
  const fn = x * INV_PIO2 + SHIFT - SHIFT;
  const n = fn | 0;
  let r = x - fn * PIO2_1;
  let w = fn * PIO2_1T;
  let y0 = r - w;
  const ex = ix >> 20;
  if (ex - ((highWord(y0) >> 20) & 0x7ff) > 16) {
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y0 = r - w;
    if (ex - ((highWord(y0) >> 20) & 0x7ff) > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  y[0] = y0;
  y[1] = r - y0 - w;
  return n;
}

/**
 * x − n·π/2 as y[0] + y[1] for |x| < 2²⁰·π/2 only (see reduceHalfPi for any x): what Box–Muller's
 * angles in [0, 2π) need, without the 2/π table that huge arguments need.
 */
export function reduceModerate(x: number, y: Float64Array): number {
  return reduceMedium(x, highWord(x) & 0x7fffffff, y);
}
