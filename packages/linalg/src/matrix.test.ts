import { describe, expect, it } from "vitest";
import { approxEqual } from "./equal";
import { Matrix } from "./matrix";

describe("Matrix", () => {
  it("is row-major: element (i, j) is data[i·cols + j]", () => {
    const m = Matrix.fromArrays([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    expect(m.toArrays()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("builds zeros, columns, 0×n and flat copies", () => {
    expect(Matrix.zeros(2, 2).toArrays()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(Matrix.column([1, 2]).toArrays()).toEqual([[1], [2]]);
    const empty = Matrix.zeros(0, 5);
    expect([empty.rows, empty.cols, empty.data.length]).toEqual([0, 5, 0]);
    const source = [1, 2, 3, 4];
    const m = Matrix.fromFlat(2, 2, source);
    source[0] = 99;
    expect(m.get(0, 0)).toBe(1);
  });

  it("chooses float32 in one place, the constructor", () => {
    const m = Matrix.zeros(2, 3, "float32");
    expect(m.data).toBeInstanceOf(Float32Array);
    expect(m.dtype).toBe("float32");
    expect(m.clone().dtype).toBe("float32");
    expect(Matrix.zeros(1, 1).dtype).toBe("float64");
  });

  it("rejects a flat array of the wrong length, saying what was needed", () => {
    expect(() => Matrix.fromFlat(2, 3, [1, 2])).toThrow(RangeError);
    expect(() => Matrix.fromFlat(2, 3, [1, 2])).toThrow(/2×3 matrix needs 6 values, got 2/);
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(/needs 4 values, got 3/);
  });

  it("rejects ragged nested arrays and bad dimensions", () => {
    expect(() => Matrix.fromArrays([[1, 2], [3]])).toThrow(/row 1 has 1 values but row 0 has 2/);
    expect(() => Matrix.zeros(-1, 2)).toThrow(/non-negative integer, got -1/);
    expect(() => Matrix.zeros(1.5, 2)).toThrow(RangeError);
  });

  it("copyFrom checks shapes and copies values", () => {
    const a = Matrix.zeros(2, 1);
    a.copyFrom(Matrix.column([3, 4]));
    expect(a.toArrays()).toEqual([[3], [4]]);
    expect(() => a.copyFrom(Matrix.zeros(1, 2))).toThrow(/2×1 and 1×2/);
  });

  it("approxEqual compares shape and values within a tolerance", () => {
    const a = Matrix.fromArrays([[1, 2]]);
    expect(approxEqual(a, Matrix.fromArrays([[1, 2 + 1e-12]]))).toBe(true);
    expect(approxEqual(a, Matrix.fromArrays([[1, 2.1]]))).toBe(false);
    expect(approxEqual(a, Matrix.fromArrays([[1, 2.1]]), 0.1)).toBe(true);
    expect(approxEqual(a, Matrix.fromArrays([[1], [2]]))).toBe(false);
    expect(approxEqual(Matrix.fromArrays([[Number.NaN]]), Matrix.fromArrays([[Number.NaN]]))).toBe(
      false,
    );
  });
});
