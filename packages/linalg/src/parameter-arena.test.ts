import { describe, expect, it } from "vitest";
import { firstDifference, sameBits } from "../test/special-values";
import type { DType, Matrix } from "./matrix";
import { ARENA_MIN_PARAMETERS, decayInto, parameterMatrices, sgdStepInto } from "./parameter-arena";
import { Rng } from "./random";

function expectSameBits(actual: Matrix, expected: Float64Array | Float32Array): void {
  expect(sameBits(actual.data, expected), firstDifference(actual.data, expected)).toBe(true);
}

/** The JS loops the kernels replace, written out. */
function loopStep(p: Float64Array | Float32Array, g: ArrayLike<number>, step: number) {
  for (let i = 0; i < p.length; i++) p[i] -= step * g[i];
}
function loopDecay(w: Float64Array | Float32Array, factor: number) {
  for (let i = 0; i < w.length; i++) w[i] *= factor;
}

/** Random values with the awkward ones mixed in: ±0, subnormals, huge, NaN, ±∞. */
function fill(x: Matrix, rng: Rng): void {
  const special = [
    0,
    -0,
    5e-324,
    -1e-310,
    1.5e-45,
    3e38,
    -3.4e38,
    1e300,
    Number.NaN,
    Infinity,
    -Infinity,
  ];
  for (let i = 0; i < x.data.length; i++) {
    x.data[i] = i % 97 === 0 ? special[(i / 97) % special.length] : rng.normal() * 3;
  }
}

describe("parameter arenas: the SGD step and the decay in place", () => {
  for (const dtype of ["float64", "float32"] as DType[]) {
    it(`${dtype}: the kernels give the JS loops' bits (odd lengths, specials)`, () => {
      const rng = new Rng(5);
      // A 129×129 weight matrix (over the threshold, odd) and its 129 biases.
      const [w, b, dw, db] = parameterMatrices(
        [
          [129, 129],
          [129, 1],
        ],
        dtype,
      );
      expect(w.data.buffer).toBe(dw.data.buffer); // in one arena: the kernels run
      expect(w.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      for (const x of [w, b, dw, db]) fill(x, rng);
      const expectedW = w.data.slice();
      const expectedB = b.data.slice();
      for (const [step, factor] of [
        [0.003, 0.99997],
        [-1.7, 1 / 3],
        [1e-8, 1.0000001],
      ]) {
        sgdStepInto(w, dw, step);
        sgdStepInto(b, db, step);
        loopStep(expectedW, dw.data, step);
        loopStep(expectedB, db.data, step);
        decayInto(w, factor);
        loopDecay(expectedW, factor);
      }
      expectSameBits(w, expectedW);
      expectSameBits(b, expectedB);
    });
  }

  it("small layers get plain arrays, and the same results by the JS loops", () => {
    const [w, b, dw] = parameterMatrices(
      [
        [10, 30],
        [10, 1],
      ],
      "float32",
    );
    expect(w.data.buffer).not.toBe(dw.data.buffer);
    expect(10 * 31).toBeLessThan(ARENA_MIN_PARAMETERS);
    w.data.fill(1);
    dw.data.fill(0.25);
    sgdStepInto(w, dw, 2);
    decayInto(w, 0.5);
    expect(Array.from(w.data.slice(0, 3))).toEqual([0.25, 0.25, 0.25]);
    expect(b.data.every((v) => v === 0)).toBe(true);
  });

  it("matrices come zeroed, in order: parameters then gradients, with the shapes asked for", () => {
    const matrices = parameterMatrices(
      [
        [200, 100],
        [200, 1],
      ],
      "float64",
    );
    expect(matrices.map((m) => [m.rows, m.cols, m.dtype])).toEqual([
      [200, 100, "float64"],
      [200, 1, "float64"],
      [200, 100, "float64"],
      [200, 1, "float64"],
    ]);
    expect(matrices.every((m) => m.data.every((v) => v === 0))).toBe(true);
  });

  it("a gradient of another length is refused", () => {
    const [w] = parameterMatrices([[200, 100]], "float64");
    const [, other] = parameterMatrices(
      [
        [10, 10],
        [20, 1],
      ],
      "float64",
    );
    expect(() => sgdStepInto(w, other, 0.1)).toThrow(
      "sgdStepInto: the parameters hold 20000 values but the gradient 20",
    );
  });
});
