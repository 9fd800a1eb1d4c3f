import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dimension, expectClose } from "../test/arbitraries";
import { gemmNaiveInto } from "./gemm-naive";
import { gemmSparseInto, gemmSparseTransposedInto } from "./gemm-sparse";
import { Matrix } from "./matrix";
import { SparseColumns } from "./sparse-columns";

/** A matrix with about `density` of its entries non-zero. */
const sparseMatrix = (rows: number, cols: number) =>
  fc
    .array(
      fc.oneof(
        fc.constant(0),
        fc.constant(0),
        fc.constant(0),
        fc.double({ min: -5, max: 5, noNaN: true }),
      ),
      {
        minLength: rows * cols,
        maxLength: rows * cols,
      },
    )
    .map((values) => Matrix.fromFlat(rows, cols, values));
const dense = (rows: number, cols: number) =>
  fc
    .array(fc.double({ min: -5, max: 5, noNaN: true }), {
      minLength: rows * cols,
      maxLength: rows * cols,
    })
    .map((v) => Matrix.fromFlat(rows, cols, v));

describe("sparse products against the naive dense loop", () => {
  it("A·S", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(dimension, dimension, dimension)
          .chain(([m, k, n]) => fc.tuple(dense(m, k), sparseMatrix(k, n))),
        ([a, s]) => {
          const expected = gemmNaiveInto(Matrix.zeros(a.rows, s.cols), a, s);
          expectClose(
            gemmSparseInto(Matrix.zeros(a.rows, s.cols).fill(7), a, SparseColumns.fromDense(s)),
            expected,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("A·Sᵀ", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(dimension, dimension, dimension)
          .chain(([m, n, k]) => fc.tuple(dense(m, n), sparseMatrix(k, n))),
        ([a, s]) => {
          const expected = gemmNaiveInto(Matrix.zeros(a.rows, s.rows), a, s, 1, 0, false, true);
          expectClose(
            gemmSparseTransposedInto(
              Matrix.zeros(a.rows, s.rows).fill(7),
              a,
              SparseColumns.fromDense(s),
            ),
            expected,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("round-trips through the dense form and counts its non-zeros", () => {
    const m = Matrix.fromArrays([
      [0, 2, 0],
      [3, 0, 0],
    ]);
    const s = SparseColumns.fromDense(m);
    expect(s.nonZeros).toBe(2);
    expect(Array.from(s.colStart)).toEqual([0, 1, 2, 2]);
    expect(s.toDense().toArrays()).toEqual(m.toArrays());
  });

  it("names both shapes on a mismatch", () => {
    const s = SparseColumns.fromDense(Matrix.zeros(4, 2));
    expect(() => gemmSparseInto(Matrix.zeros(3, 2), Matrix.zeros(3, 5), s)).toThrow(
      /cannot multiply 3×5 by sparse 4×2: inner dimensions 5 and 4 differ/,
    );
    expect(() => gemmSparseTransposedInto(Matrix.zeros(3, 4), Matrix.zeros(3, 3), s)).toThrow(
      /3×3 by sparse 4×2/,
    );
  });
});
