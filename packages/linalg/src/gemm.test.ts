import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dimension, expectClose, matrixOf } from "../test/arbitraries";
import { gemm, gemmInto } from "./gemm";
import { gemmNaiveInto } from "./gemm-naive";
import { Matrix } from "./matrix";
import { Rng } from "./random";

/** op(A) is m×k and op(B) is k×n, stored transposed when the flag says so. */
const gemmCase = fc
  .record({
    m: dimension,
    n: dimension,
    k: dimension,
    transA: fc.boolean(),
    transB: fc.boolean(),
    alpha: fc.constantFrom(1, -0.5, 2.25, 0),
    beta: fc.constantFrom(0, 1, -1.5),
  })
  .chain((c) =>
    fc.record({
      c: fc.constant(c),
      a: c.transA ? matrixOf(c.k, c.m) : matrixOf(c.m, c.k),
      b: c.transB ? matrixOf(c.n, c.k) : matrixOf(c.k, c.n),
      out: matrixOf(c.m, c.n),
    }),
  );

describe("gemmInto", () => {
  it("equals the naive triple loop for every transpose, α, β and shape (incl. 0 and 1)", () => {
    fc.assert(
      fc.property(gemmCase, ({ c, a, b, out }) => {
        const options = { transA: c.transA, transB: c.transB, alpha: c.alpha, beta: c.beta };
        const expected = gemmNaiveInto(out.clone(), a, b, c.alpha, c.beta, c.transA, c.transB);
        const actual = gemmInto(out.clone(), a, b, options);
        expectClose(actual, expected);
      }),
      { numRuns: 400 },
    );
  });

  it("matches the shapes MNIST training uses (784-30-10, batches of 10)", () => {
    const w = matrixSeeded(30, 784, 1);
    const x = matrixSeeded(784, 10, 2);
    const delta = matrixSeeded(30, 10, 3);
    const w2 = matrixSeeded(10, 30, 4);
    const delta2 = matrixSeeded(10, 10, 5);
    expectClose(gemm(w, x), gemmNaiveInto(Matrix.zeros(30, 10), w, x));
    expectClose(
      gemm(delta, x, { transB: true }),
      gemmNaiveInto(Matrix.zeros(30, 784), delta, x, 1, 0, false, true),
    );
    expectClose(
      gemm(w2, delta2, { transA: true }),
      gemmNaiveInto(Matrix.zeros(30, 10), w2, delta2, 1, 0, true, false),
    );
  });

  it("overwrites NaN in the output when β = 0, as BLAS does", () => {
    const out = Matrix.fromArrays([[Number.NaN]]);
    gemmInto(out, Matrix.fromArrays([[2]]), Matrix.fromArrays([[3]]));
    expect(out.get(0, 0)).toBe(6);
  });

  it("names both shapes when the inner dimensions differ", () => {
    expect(() => gemm(Matrix.zeros(2, 3), Matrix.zeros(4, 5))).toThrow(RangeError);
    expect(() => gemm(Matrix.zeros(2, 3), Matrix.zeros(4, 5))).toThrow(/2×3.*4×5/);
    expect(() => gemm(Matrix.zeros(3, 2), Matrix.zeros(4, 5), { transA: true })).toThrow(
      /\(3×2\)ᵀ by 4×5/,
    );
  });

  it("names the output shape when it does not fit the product", () => {
    expect(() => gemmInto(Matrix.zeros(2, 2), Matrix.zeros(2, 3), Matrix.zeros(3, 4))).toThrow(
      /output is 2×2 but 2×3·3×4 is 2×4/,
    );
  });

  it("refuses an output that aliases an input", () => {
    const a = Matrix.zeros(2, 2);
    expect(() => gemmInto(a, a, Matrix.zeros(2, 2))).toThrow(/share storage/);
  });

  it("works in float32 too, within float32 precision", () => {
    const a = Matrix.fromFlat(3, 4, matrixSeeded(3, 4, 7).data, "float32");
    const b = Matrix.fromFlat(4, 2, matrixSeeded(4, 2, 8).data, "float32");
    const c = gemm(a, b);
    expect(c.dtype).toBe("float32");
    expectClose(c, gemmNaiveInto(Matrix.zeros(3, 2), a, b), 1e-5);
  });
});

/** A deterministic dense matrix without an RNG dependency: values from a small LCG. */
function matrixSeeded(rows: number, cols: number, seed: number): Matrix {
  let x = seed;
  const values = Array.from({ length: rows * cols }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  });
  return Matrix.fromFlat(rows, cols, values);
}

describe("gemmInto with threads: 2", () => {
  it("gives the one-thread product bit for bit, for NN, TN and NT, float64 and float32", () => {
    const rng = new Rng(21);
    for (const dtype of ["float64", "float32"] as const) {
      for (const [transA, transB] of [
        [false, false],
        [true, false],
        [false, true],
      ]) {
        // 40×500·500×640: a convolution's product, large enough to be split.
        const a = transA ? Matrix.zeros(500, 40, dtype) : Matrix.zeros(40, 500, dtype);
        const b = transB ? Matrix.zeros(640, 500, dtype) : Matrix.zeros(500, 640, dtype);
        rng.fillNormal(a.data);
        rng.fillNormal(b.data);
        const one = gemmInto(Matrix.zeros(40, 640, dtype), a, b, { transA, transB });
        const two = gemmInto(Matrix.zeros(40, 640, dtype), a, b, { transA, transB, threads: 2 });
        expect(two.data).toEqual(one.data);
        const naive = gemmNaiveInto(Matrix.zeros(40, 640, dtype), a, b, 1, 0, transA, transB);
        const tolerance = dtype === "float32" ? 1e-3 : 1e-10;
        for (let i = 0; i < naive.data.length; i += 97) {
          expect(Math.abs(two.data[i] - naive.data[i])).toBeLessThan(tolerance);
        }
      }
    }
  });
});
