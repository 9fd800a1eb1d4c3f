import { productError, sumError } from "./exact-arithmetic";
import { expParts } from "./exp";

/**
 * tanh x, the same double on every JavaScript engine, within 0.52 ulp (measured; fdlibm's
 * expm1-based tanh, V8's `Math.tanh`, is off by up to 2.2 ulp for |x| in [0.1, 0.6]:
 * test/math-reference.test.ts). Odd, so computed for |x| and the sign put back:
 * - |x| < 2⁻²⁸: x (x²/3 is below half an ulp).
 * - |x| < 1/8: the Taylor series x − x³/3 + 2x⁵/15 − … to x¹⁹ (the first term left out is
 *   below 2⁻⁶⁰ of x); one rounding of x + x³·P(x²) dominates.
 * - |x| < 22: tanh x = 1 − 2/(E + 1), E = e^(2|x|), with E kept unrounded as exp's
 *   head·(1 + p) (exp.ts: ~2⁻⁶⁰ relative), and 1 + E, 2/(1 + E) and the final 1 − q each in
 *   double-double arithmetic (exact-arithmetic.ts), so only the last addition rounds.
 * - |x| ≥ 22: ±1 (1 − tanh 22 < 2⁻⁶³).
 * Specials as Math.tanh: ±0 → ±0, ±∞ → ±1, NaN → NaN.
 */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (!(a < 22)) return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  if (a < TAYLOR_LIMIT) {
    if (a < 3.725290298461914e-9) return x; // 2⁻²⁸ (keeps ±0)
    const u = x * x;
    const series =
      T3 + u * (T5 + u * (T7 + u * (T9 + u * (T11 + u * (T13 + u * (T15 + u * (T17 + u * T19)))))));
    return x + x * u * series;
  }
  expParts(2 * a, parts);
  const scale = parts[0];
  // d = 1 + E = 1 + scale + scale·p, as dHi + dLo
  let dHi = 1 + scale;
  let dLo = sumError(1, scale, dHi) + scale * parts[1];
  const d = dHi + dLo;
  dLo -= d - dHi;
  dHi = d;
  // q = 2/d = qHi + qLo: qHi rounded, then the remainder 2 − qHi·d (qHi·dHi exactly) over d
  const qHi = 2 / dHi;
  const product = qHi * dHi;
  const qLo = (2 - product - productError(qHi, dHi, product) - qHi * dLo) / dHi;
  // 1 − q: 1 − qHi with its rounding error, then the small parts
  const t = 1 - qHi;
  const result = t + (sumError(1, -qHi, t) - qLo);
  return x < 0 ? -result : result;
}

/** Below this |x| the Taylor series; from it, the formula through e^(2|x|). */
const TAYLOR_LIMIT = 0.125;
const parts = new Float64Array(2);

// Taylor coefficients of tanh (x³ … x¹⁹): each a correctly rounded quotient of exact integers.
const T3 = -1 / 3;
const T5 = 2 / 15;
const T7 = -17 / 315;
const T9 = 62 / 2835;
const T11 = -1382 / 155925;
const T13 = 21844 / 6081075;
const T15 = -929569 / 638512875;
const T17 = 6404582 / 10854718875;
const T19 = -443861162 / 1856156927625;
