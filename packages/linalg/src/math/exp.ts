import { LN2_OVER_N_HI, LN2_OVER_N_LO, N_OVER_LN2 } from "./exp-table";
import { EXP2_HEAD_TAIL } from "./exp2-table";

/**
 * eˣ, the same double on every JavaScript engine: only +, −, × on doubles (IEEE-754
 * correctly rounded everywhere), integer operations and table reads. `Math.exp` is
 * implementation-approximated by the ECMAScript spec: V8, JavaScriptCore and SpiderMonkey
 * (and versions of one engine) differ in the last bit, which sigmoid carries into every
 * weight of a network.
 *
 * Method (table-driven, as in Tang 1989 and ARM's optimized-routines exp):
 *   x = k·ln2/128 + r,  k = round(x·128/ln2),  |r| ≤ ln2/256 ≈ 0.0027
 *   eˣ = 2^(k/128)·eʳ = 2^e · 2^(i/128) · eʳ   with k = 128e + i, i ∈ [0, 128)
 * - r = x − k·HI − k·LO with ln2/128 = HI + LO in two parts (Cody–Waite): HI has ≤ 35
 *   significant bits so k·HI is exact, and x − k·HI is exact (Sterbenz), so r carries only
 *   the rounding of k·LO, far below the last bit of the result.
 * - 2^(i/128) = head·(1 + tail) from a table built at load time in double-double
 *   arithmetic (exp2-table.ts; checked against exact integer arithmetic in a test); 2^e is exact (a table of powers of two).
 * - eʳ − 1 ≈ r + r²/2 + r³/6 + r⁴/24 + r⁵/120 (Taylor): on |r| ≤ ln2/256 the first term left
 *   out, r⁶/720, is below 2⁻⁶⁰, a 400th of the last bit.
 * - eˣ = 2^e·(head + head·(tail + (eʳ − 1))): one rounding of a value that is already
 *   accurate to ~2⁻⁶⁰, so the error stays within about 0.51 ulp (measured against mpmath in
 *   test/math-reference.test.ts; against Math.exp in versus-math.test.ts).
 *
 * Specials as Math.exp: NaN → NaN, +∞ → +∞, −∞ → +0, overflow (x > 709.78…) → +∞,
 * underflow (x < −745.13…) → +0, subnormal results rounded once (no double rounding).
 */
export function exp(x: number): number {
  // The hot path (sigmoid, softmax): the result is a normal double, no special case.
  if (!(x > -708 && x < 708)) return expOutsideNormalRange(x);
  const kd = x * N_OVER_LN2 + SHIFT - SHIFT; // round(x·128/ln2), exactly an integer
  const k = kd | 0;
  const r = x - kd * LN2_OVER_N_HI - kd * LN2_OVER_N_LO;
  const i = (k & 127) << 1;
  const r2 = r * r;
  const p = EXP2_HEAD_TAIL[i + 1] + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
  const head = EXP2_HEAD_TAIL[i];
  return (head + head * p) * POWERS_OF_TWO[(k >> 7) + POWER_BIAS];
}

/** 1.5·2⁵²: x + SHIFT − SHIFT rounds x (|x| < 2⁵¹) to the nearest integer, ties to even. */
const SHIFT = 6755399441055744;
// Taylor coefficients of eʳ − r − 1: 1/2, 1/6, 1/24, 1/120 (each division correctly rounded).
const C2 = 0.5;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;

/** POWERS_OF_TWO[e + POWER_BIAS] = 2^e for the normal exponents e = −1022…1023, built by exact doublings. */
const POWER_BIAS = 1022;
const POWERS_OF_TWO = new Float64Array(2046);
POWERS_OF_TWO[POWER_BIAS] = 1;
for (let e = 1; e <= 1023; e++)
  POWERS_OF_TWO[POWER_BIAS + e] = POWERS_OF_TWO[POWER_BIAS + e - 1] * 2;
for (let e = -1; e >= -1022; e--)
  POWERS_OF_TWO[POWER_BIAS + e] = POWERS_OF_TWO[POWER_BIAS + e + 1] / 2;

/** 2⁻¹⁰²², the smallest normal double. */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** reduce's results: 2^(i/128) rounded (the table head) and p ≈ e^r·(1 + tail) − 1. */
const kernel = new Float64Array(2);

/**
 * The reduction and polynomial of exp (the hot path above writes them out inline): stores
 * head and p in `kernel` so that eˣ ≈ 2^e·head·(1 + p), and returns k = 128e + i.
 */
function reduce(x: number): number {
  const kd = x * N_OVER_LN2 + SHIFT - SHIFT;
  const k = kd | 0;
  const r = x - kd * LN2_OVER_N_HI - kd * LN2_OVER_N_LO;
  const i = (k & 127) << 1;
  const r2 = r * r;
  kernel[0] = EXP2_HEAD_TAIL[i];
  kernel[1] = EXP2_HEAD_TAIL[i + 1] + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
  return k;
}

/**
 * eˣ = parts[0]·(1 + parts[1]) for |x| < 708, unrounded: parts[0] is an exact double (a power
 * of 2^(1/128)) and |parts[1]| < 0.003, the pair accurate to about 2⁻⁶⁰ relative, beyond what
 * one double holds. For functions built on eˣ that must not round it first (tanh).
 */
export function expParts(x: number, parts: Float64Array): void {
  const k = reduce(x);
  parts[0] = kernel[0] * POWERS_OF_TWO[(k >> 7) + POWER_BIAS];
  parts[1] = kernel[1];
}

/**
 * |x| ≥ 708 or NaN: the same reduction, but 2^e (e up to 1024, or down to −1077) is applied
 * in two steps so nothing overflows or underflows on the way, and a subnormal result is
 * rounded once, to its own precision (as musl's exp does).
 */
function expOutsideNormalRange(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.8) return Number.POSITIVE_INFINITY; // e^709.79 > the largest double (also +∞)
  if (x < -745.2) return 0; // e^−745.2 < 2⁻¹⁰⁷⁵, half the smallest subnormal (also −∞)
  const k = reduce(x);
  const head = kernel[0];
  const p = kernel[1];
  const e = k >> 7;
  if (k > 0) {
    // e ≤ 1024: scale by 2^(e−1), then by 2; a result past the largest double becomes +∞.
    return (head + head * p) * POWERS_OF_TWO[e - 1 + POWER_BIAS] * 2;
  }
  // e ≥ −1077: work at 2^(e+1022) (≥ 2⁻⁵⁵, normal), then scale by 2⁻¹⁰²².
  const scale = head * POWERS_OF_TWO[e + 1022 + POWER_BIAS];
  let y = scale + scale * p;
  if (y < 1) {
    // The result y·2⁻¹⁰²² is subnormal: its last bit is 2⁻⁵² in y. Round y to that grid
    // once, with y's own rounding error (lo) taken into account, so the final scaling is
    // exact and there is no second rounding.
    let lo = scale - y + scale * p;
    const hi = 1 + y;
    lo = 1 - hi + y + lo;
    y = hi + lo - 1;
  }
  return y * SMALLEST_NORMAL;
}
