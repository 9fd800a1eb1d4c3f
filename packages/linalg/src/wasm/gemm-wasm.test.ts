import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/arbitraries";
import { gemmInto } from "../gemm";
import { gemmNaiveInto } from "../gemm-naive";
import { type DType, Matrix } from "../matrix";
import { Rng } from "../random";
import { DOT_COLUMNS_MAX_K } from "./gemm-split";
import { gemmWasmInto, WASM_GEMM_MAX_VALUES, WASM_GEMM_MIN_WORK } from "./gemm-wasm";
import { SimdArena } from "./simd-arena";

/** op(A) (m × k) and op(B) (k × n), stored transposed when the flags say so, random values. */
function product(m: number, n: number, k: number, transA: boolean, transB: boolean, seed: number) {
  const rng = new Rng(seed);
  const random = (rows: number, cols: number) =>
    new Matrix(rows, cols, rng.fillNormal(new Float64Array(rows * cols)));
  return {
    a: transA ? random(k, m) : random(m, k),
    b: transB ? random(n, k) : random(k, n),
  };
}

function as(dtype: DType, x: Matrix): Matrix {
  return Matrix.fromFlat(x.rows, x.cols, x.data, dtype);
}

const shapes = fc.record({
  m: fc.integer({ min: 1, max: 37 }),
  n: fc.integer({ min: 1, max: 37 }),
  k: fc.integer({ min: 1, max: 37 }),
  trans: fc.constantFrom("NN", "TN", "NT"),
  seed: fc.nat(),
});

describe("gemm in WebAssembly SIMD", () => {
  it("float64: the same values as the JS loops, bit for bit (NN, TN, NT; odd sizes)", () => {
    fc.assert(
      fc.property(shapes, ({ m, n, k, trans, seed }) => {
        const [transA, transB] = [trans[0] === "T", trans[1] === "T"];
        const { a, b } = product(m, n, k, transA, transB, seed);
        const simd = Matrix.zeros(m, n).fill(Number.NaN);
        expect(gemmWasmInto(simd, a, b, m, n, k, transA, transB)).toBe(true);
        const js = gemmInto(Matrix.zeros(m, n), a, b, { transA, transB, kernel: "js" });
        expect(simd.data).toEqual(js.data);
        expectClose(simd, gemmNaiveInto(Matrix.zeros(m, n), a, b, 1, 0, transA, transB));
      }),
      { numRuns: 300 },
    );
  });

  it("float32: within float32 precision of the naive loop", () => {
    fc.assert(
      fc.property(shapes, ({ m, n, k, trans, seed }) => {
        const [transA, transB] = [trans[0] === "T", trans[1] === "T"];
        const { a, b } = product(m, n, k, transA, transB, seed);
        const simd = Matrix.zeros(m, n, "float32");
        expect(
          gemmWasmInto(simd, as("float32", a), as("float32", b), m, n, k, transA, transB),
        ).toBe(true);
        const expected = gemmNaiveInto(
          Matrix.zeros(m, n),
          as("float32", a),
          as("float32", b),
          1,
          0,
          transA,
          transB,
        );
        expectClose(simd, expected, 2e-5 * Math.sqrt(k));
      }),
      { numRuns: 200 },
    );
  });

  it("the two NT kernels (dot products; along rows of C on Bᵀ) agree bit for bit, both precisions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 2 * DOT_COLUMNS_MAX_K }),
        fc.constantFrom("float64", "float32"),
        fc.nat(),
        (m, n, k, dtype: DType, seed) => {
          const arena = SimdArena.create(8 * (m * k + 2 * n * k + 2 * m * n) + 256);
          if (!arena) throw new Error("WebAssembly SIMD is required by this test");
          const { a, b } = product(m, n, k, false, true, seed);
          const [sa, sb, bT, byDots, byRows] = [m * k, n * k, n * k, m * n, m * n].map((size) =>
            arena.floats(size, dtype),
          );
          sa.set(a.data);
          sb.set(b.data);
          byDots.fill(0.5); // both add to C's old values
          byRows.fill(0.5);
          arena.gemmDot(byDots, sa, sb, m, n, k);
          arena.transpose(sb, bT, n, k);
          for (let j = 0; j < n; j++)
            for (let p = 0; p < k; p++) expect(bT[p * n + j]).toBe(sb[j * k + p]);
          arena.gemmDotColumns(byRows, sa, sb, bT, m, n, k);
          expect(byRows).toEqual(byDots);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gemmInto uses it for large products and keeps the JS loops for Aᵀ·Bᵀ and α, β", () => {
    const { a, b } = product(20, 30, 40, true, true, 3);
    expect(20 * 30 * 40).toBeGreaterThan(WASM_GEMM_MIN_WORK);
    expect(gemmWasmInto(Matrix.zeros(20, 30), a, b, 20, 30, 40, true, true)).toBe(false);
    const tt = gemmInto(Matrix.zeros(20, 30), a, b, { transA: true, transB: true });
    expectClose(tt, gemmNaiveInto(Matrix.zeros(20, 30), a, b, 1, 0, true, true));
    const nn = product(20, 30, 40, false, false, 4);
    const old = Matrix.zeros(20, 30).fill(1);
    const scaled = gemmInto(old.clone(), nn.a, nn.b, { alpha: 2, beta: 0.5 });
    expectClose(scaled, gemmNaiveInto(old.clone(), nn.a, nn.b, 2, 0.5));
  });

  it("grows its scratch memory for larger products and mixed precisions fall back", () => {
    for (const size of [8, 64, 200]) {
      const { a, b } = product(size, 10, size, false, false, size);
      const c = gemmInto(Matrix.zeros(size, 10), a, b);
      expectClose(c, gemmNaiveInto(Matrix.zeros(size, 10), a, b));
    }
    // Beyond WASM_GEMM_MAX_VALUES the JS loops keep the memory the caller already has.
    const wide = Matrix.zeros(1, WASM_GEMM_MAX_VALUES);
    expect(
      gemmWasmInto(
        Matrix.zeros(1, wide.cols),
        Matrix.zeros(1, 1),
        wide,
        1,
        wide.cols,
        1,
        false,
        false,
      ),
    ).toBe(false);
    const { a, b } = product(12, 12, 12, false, false, 9);
    expect(gemmWasmInto(Matrix.zeros(12, 12), as("float32", a), b, 12, 12, 12, false, false)).toBe(
      false,
    );
  });
});
