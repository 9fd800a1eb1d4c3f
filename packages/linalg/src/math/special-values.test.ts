import { describe, expect, it } from "vitest";
import { cos, exp, expm1, log, log1p, sin, tanh } from "./index";

const MAX = Number.MAX_VALUE;
const MIN = Number.MIN_VALUE; // 2⁻¹⁰⁷⁴, the smallest subnormal
const MIN_NORMAL = 2.2250738585072014e-308;
const { POSITIVE_INFINITY: INF, NEGATIVE_INFINITY: NEG_INF } = Number;

/** [input, exact result]: what IEEE-754 and Math.* give (Object.is: −0 is not +0). */
const EXACT: Record<string, [(x: number) => number, (x: number) => number, [number, number][]]> = {
  exp: [
    exp,
    Math.exp,
    [
      [NaN, NaN],
      [INF, INF],
      [NEG_INF, 0],
      [0, 1],
      [-0, 1],
      [MIN, 1],
      [-MIN, 1],
      [MAX, INF],
      [-MAX, 0],
      [709.782712893384, 1.7976931348622732e308], // the largest x with a finite result
      [709.7827128933841, INF], // overflow
      [-708.3964185322641, 2.2250738585072626e-308], // about the smallest normal
      [-745.1332191019411, MIN], // the smallest subnormal
      [-745.1332191019412, 0], // underflow
      [1, Math.E],
    ],
  ],
  log: [
    log,
    Math.log,
    [
      [NaN, NaN],
      [INF, INF],
      [NEG_INF, NaN],
      [0, NEG_INF],
      [-0, NEG_INF],
      [-1, NaN],
      [-MIN, NaN],
      [1, 0],
      [MIN, -744.4400719213812],
      [MIN_NORMAL, -708.3964185322641],
      [MAX, 709.782712893384],
      [Math.E, 1],
      [2, Math.LN2],
      [10, Math.LN10],
    ],
  ],
  log1p: [
    log1p,
    Math.log1p,
    [
      [NaN, NaN],
      [INF, INF],
      [NEG_INF, NaN],
      [0, 0],
      [-0, -0],
      [-1, NEG_INF],
      [-1.5, NaN],
      [MIN, MIN],
      [-MIN, -MIN],
      [1e-300, 1e-300],
      [1, Math.LN2],
      [MAX, 709.782712893384],
    ],
  ],
  expm1: [
    expm1,
    Math.expm1,
    [
      [NaN, NaN],
      [INF, INF],
      [NEG_INF, -1],
      [0, 0],
      [-0, -0],
      [MIN, MIN],
      [-MIN, -MIN],
      [MAX, INF],
      [-MAX, -1],
      [-40, -1], // −1 + e⁻⁴⁰ rounds to −1 (e⁻⁴⁰ is below half of 2⁻⁵³)
      [-50, -1],
    ],
  ],
  tanh: [
    tanh,
    Math.tanh,
    [
      [NaN, NaN],
      [INF, 1],
      [NEG_INF, -1],
      [0, 0],
      [-0, -0],
      [MIN, MIN],
      [-MIN, -MIN],
      [1e-300, 1e-300],
      [MAX, 1],
      [-MAX, -1],
      [22, 1],
      [-30, -1],
    ],
  ],
  sin: [
    sin,
    Math.sin,
    [
      [NaN, NaN],
      [INF, NaN],
      [NEG_INF, NaN],
      [0, 0],
      [-0, -0],
      [MIN, MIN],
      [-MIN, -MIN],
      [1e-10, 1e-10],
      [Math.PI, 1.2246467991473532e-16], // sin of the double nearest π: π − that double
      [Math.PI / 2, 1],
    ],
  ],
  cos: [
    cos,
    Math.cos,
    [
      [NaN, NaN],
      [INF, NaN],
      [NEG_INF, NaN],
      [0, 1],
      [-0, 1],
      [MIN, 1],
      [1e-10, 1],
      [Math.PI, -1],
      [2 * Math.PI, 1],
    ],
  ],
};

describe("special values, exactly as Math.* and IEEE-754 give them", () => {
  it.each(Object.entries(EXACT))("%s", (name, [ours, theirs, cases]) => {
    for (const [x, expected] of cases) {
      expect(Object.is(ours(x), expected), `${name}(${x}) = ${ours(x)}, expected ${expected}`).toBe(
        true,
      );
      expect(Object.is(theirs(x), expected), `Math.${name}(${x}) = ${theirs(x)}`).toBe(true);
    }
  });
});
