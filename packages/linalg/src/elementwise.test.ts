import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { samePair } from "../test/arbitraries";
import {
  add,
  addInto,
  axpy,
  axpyInto,
  hadamard,
  map,
  scale,
  subtract,
  subtractInto,
} from "./elementwise";
import { Matrix } from "./matrix";

/** The naive reference: an explicit loop over (i, j) with get/set. */
function naive(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const out = Matrix.zeros(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.set(i, j, f(a.get(i, j), b.get(i, j)));
  }
  return out;
}

describe("element-wise kernels", () => {
  it("add, subtract, hadamard, scale, axpy and map agree with a naive (i, j) loop", () => {
    fc.assert(
      fc.property(samePair, ([a, b]) => {
        expect(add(a, b).toArrays()).toEqual(naive(a, b, (x, y) => x + y).toArrays());
        expect(subtract(a, b).toArrays()).toEqual(naive(a, b, (x, y) => x - y).toArrays());
        expect(hadamard(a, b).toArrays()).toEqual(naive(a, b, (x, y) => x * y).toArrays());
        expect(scale(a, -1.5).toArrays()).toEqual(naive(a, b, (x) => -1.5 * x).toArrays());
        expect(axpy(0.25, a, b).toArrays()).toEqual(naive(a, b, (x, y) => 0.25 * x + y).toArrays());
        expect(map(a, Math.tanh).toArrays()).toEqual(naive(a, b, (x) => Math.tanh(x)).toArrays());
      }),
      { numRuns: 200 },
    );
  });

  it("…Into writes into the given output, which may be an input", () => {
    const a = Matrix.fromArrays([[1, 2]]);
    const b = Matrix.fromArrays([[10, 20]]);
    const out = Matrix.zeros(1, 2);
    expect(addInto(out, a, b)).toBe(out);
    expect(out.toArrays()).toEqual([[11, 22]]);
    subtractInto(a, a, b);
    expect(a.toArrays()).toEqual([[-9, -18]]);
    axpyInto(b, 2, b);
    expect(b.toArrays()).toEqual([[30, 60]]);
  });

  it("names both shapes on a mismatch", () => {
    expect(() => add(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).toThrow(RangeError);
    expect(() => add(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).toThrow(/add: shapes 2×3 and 3×2/);
    expect(() => addInto(Matrix.zeros(1, 1), Matrix.zeros(2, 3), Matrix.zeros(2, 3))).toThrow(
      /1×1 and 2×3/,
    );
    expect(() => axpyInto(Matrix.zeros(4, 1), 1, Matrix.zeros(1, 4))).toThrow(/4×1 and 1×4/);
  });
});
