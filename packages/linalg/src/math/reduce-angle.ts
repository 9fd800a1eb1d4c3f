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
import { productError, sumError } from "./exact-arithmetic";
import { highWord, lowWord } from "./float-bits";
import { reduceMedium } from "./reduce-medium";
import { PI_OVER_2_HI, PI_OVER_2_LO, TWO_OVER_PI } from "./two-over-pi";

/**
 * x − n·π/2 for the integer n nearest to x·2/π, as y[0] + y[1] (a double and its tail, the
 * pair accurate to far more than 53 bits, as the kernels in trig-kernels.ts need); returns n
 * (only n mod 4 matters to sin and cos). For finite x; |x| ≤ π/4 needs no reduction.
 */
export function reduceHalfPi(x: number, y: Float64Array): number {
  const ix = highWord(x) & 0x7fffffff;
  return ix < 0x413921fb ? reduceMedium(x, ix, y) : reduceHuge(x, y);
}

const PIECE = 16777216; // 2²⁴
/** Fraction pieces kept after the binary point of x·2/π: 8·24 = 192 bits. */
const FRACTION_PIECES = 8;
/** 2⁷², 2⁴⁸, 2²⁴, 1: the weights of M·2ᵇ's four base-2²⁴ digits (exact products). */
const DIGIT_WEIGHTS = [PIECE * PIECE * PIECE, PIECE * PIECE, PIECE, 1];
const digits = new Float64Array(4);
const sums = new Float64Array(FRACTION_PIECES + 1);

/**
 * |x| ≥ 2²⁰·π/2 (Payne–Hanek): x·2/π mod 4, exactly, from the bits of 2/π (two-over-pi.ts).
 * x = M·2ᴱ with M a 53-bit integer; write E = 24a + b (0 ≤ b < 24) and M·2ᵇ in four base-2²⁴
 * digits dᵢ. Then x·2/π = Σᵢ Σⱼ dᵢ·Pⱼ·2^(24(a + 2 − i − j)): the terms of weight ≥ 2²⁴ are
 * multiples of 4 and drop out, and the rest are summed by weight 2^(−24p), p = 0…8, each a
 * sum of ≤ 4 products below 2⁴⁸ (exact in a double), then carried into base-2²⁴ pieces. The
 * integer part mod 4 is n; the fraction (192 bits: the closest a double comes to a multiple of
 * π/2 cancels ~62 of them) times π/2 in double-double arithmetic is y.
 */
function reduceHuge(x: number, y: Float64Array): number {
  const ax = Math.abs(x);
  const hx = highWord(ax);
  const e = (hx >>> 20) - 1075; // ax = m·2^e
  const m = ((hx & 0xfffff) | 0x100000) * 4294967296 + lowWord(ax);
  const a = Math.floor(e / 24);
  let z = m * (1 << (e - 24 * a)); // < 2⁷⁷, exact
  for (let i = 0; i < 4; i++) {
    digits[i] = Math.floor(z / DIGIT_WEIGHTS[i]);
    z -= digits[i] * DIGIT_WEIGHTS[i];
  }
  for (let p = 0; p <= FRACTION_PIECES; p++) {
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      const j = p + a + 2 - i;
      if (j >= 0 && j < TWO_OVER_PI.length) sum += digits[i] * TWO_OVER_PI[j];
    }
    sums[p] = sum;
  }
  // Carry from the last fraction piece up; sums[p] becomes a digit in [0, 2²⁴).
  let carry = 0;
  for (let p = FRACTION_PIECES; p >= 1; p--) {
    const v = sums[p] + carry;
    carry = Math.floor(v / PIECE);
    sums[p] = v - carry * PIECE;
  }
  const whole = sums[0] + carry;
  let n = whole - 4 * Math.floor(whole / 4); // the integer part mod 4
  let sign = 1;
  if (sums[1] >= PIECE / 2) {
    // fraction ≥ ½: round n up and take 1 − fraction (digit by digit), negated
    n += 1;
    sign = -1;
    for (let p = 1; p <= FRACTION_PIECES; p++) sums[p] = PIECE - 1 - sums[p];
    for (let p = FRACTION_PIECES; p >= 1; p--) {
      sums[p] += 1; // + 2^(−24·8), carried up
      if (sums[p] < PIECE) break;
      sums[p] = 0;
    }
  }
  // The fraction as a double-double (hi, lo), summing the pieces with their rounding errors.
  let hi = 0;
  let lo = 0;
  let scale = 1;
  for (let p = 1; p <= FRACTION_PIECES; p++) {
    scale /= PIECE;
    const t = sums[p] * scale;
    const s = hi + t;
    lo += sumError(hi, t, s);
    hi = s;
  }
  const f = hi + lo;
  const fTail = lo - (f - hi);
  // (f + fTail)·(π/2) with f·PI_OVER_2_HI exact (Dekker's product)
  const product = f * PI_OVER_2_HI;
  const tail = productError(f, PI_OVER_2_HI, product) + (f * PI_OVER_2_LO + fTail * PI_OVER_2_HI);
  const y0 = product + tail;
  const y1 = tail - (y0 - product);
  const direction = x < 0 ? -sign : sign;
  y[0] = direction * y0;
  y[1] = direction * y1;
  return x < 0 ? -n : n;
}
