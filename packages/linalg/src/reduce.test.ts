import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyMatrix, dimension, expectClose, matrixOf } from "../test/arbitraries";
import { addColumnVector } from "./broadcast";
import { Matrix } from "./matrix";
import { argmaxColumns, sumColumns, sumRows, sumRowsInto } from "./reduce";
import { transpose } from "./transpose";

describe("reductions, broadcast and transpose against naive loops", () => {
  it("sumRows and sumColumns", () => {
    fc.assert(
      fc.property(anyMatrix, (a) => {
        const rows = Matrix.zeros(a.rows, 1);
        const cols = Matrix.zeros(1, a.cols);
        for (let i = 0; i < a.rows; i++) {
          for (let j = 0; j < a.cols; j++) {
            rows.set(i, 0, rows.get(i, 0) + a.get(i, j));
            cols.set(0, j, cols.get(0, j) + a.get(i, j));
          }
        }
        expectClose(sumRows(a), rows);
        expectClose(sumColumns(a), cols);
      }),
    );
  });

  it("sumRowsInto can accumulate (summing bias gradients over batches)", () => {
    const out = Matrix.fromArrays([[1], [2]]);
    sumRowsInto(
      out,
      Matrix.fromArrays([
        [1, 1],
        [3, 4],
      ]),
      true,
    );
    expect(out.toArrays()).toEqual([[3], [9]]);
  });

  it("argmaxColumns picks the first maximum, like numpy", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 8 }), dimension).chain(([r, c]) => matrixOf(r, c)),
        (a) => {
          const got = argmaxColumns(a);
          for (let j = 0; j < a.cols; j++) {
            let best = 0;
            for (let i = 0; i < a.rows; i++) if (a.get(i, j) > a.get(best, j)) best = i;
            expect(got[j]).toBe(best);
          }
        },
      ),
    );
    expect(
      Array.from(
        argmaxColumns(
          Matrix.fromArrays([
            [1, 5],
            [1, 5],
            [0, 6],
          ]),
        ),
      ),
    ).toEqual([0, 2]);
  });

  it("addColumnVector adds v[i] to every element of row i", () => {
    fc.assert(
      fc.property(
        fc.tuple(dimension, dimension).chain(([r, c]) => fc.tuple(matrixOf(r, c), matrixOf(r, 1))),
        ([a, v]) => {
          const expected = Matrix.zeros(a.rows, a.cols);
          for (let i = 0; i < a.rows; i++) {
            for (let j = 0; j < a.cols; j++) expected.set(i, j, a.get(i, j) + v.get(i, 0));
          }
          expect(addColumnVector(a, v).toArrays()).toEqual(expected.toArrays());
        },
      ),
    );
    expect(() => addColumnVector(Matrix.zeros(3, 2), Matrix.zeros(2, 1))).toThrow(
      /must be 3×1 .* 3×2, got 2×1/,
    );
  });

  it("transpose swaps indices and is its own inverse", () => {
    fc.assert(
      fc.property(anyMatrix, (a) => {
        const t = transpose(a);
        expect([t.rows, t.cols]).toEqual([a.cols, a.rows]);
        for (let i = 0; i < a.rows; i++) {
          for (let j = 0; j < a.cols; j++) expect(t.get(j, i)).toBe(a.get(i, j));
        }
        expect(transpose(t).toArrays()).toEqual(a.toArrays());
      }),
    );
  });
});
