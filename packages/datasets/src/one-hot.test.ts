import { describe, expect, it } from "vitest";
import { oneHot } from "./one-hot";

describe("oneHot", () => {
  it("puts a 1 in row labels[j] of column j (classes × n)", () => {
    const m = oneHot([2, 0, 1, 2], 3);
    expect([m.rows, m.cols]).toEqual([3, 4]);
    expect(m.toArrays()).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 1],
    ]);
    expect(oneHot(Uint8Array.of(1), 2, "float32").dtype).toBe("float32");
  });

  it("rejects labels outside the classes or not integers", () => {
    expect(() => oneHot([0, 3], 3)).toThrow(
      expect.objectContaining({ code: "label-range", found: "3" }),
    );
    expect(() => oneHot([0.5], 3)).toThrow("label 0.5 at position 0 is not an integer");
    expect(() => oneHot([0], 0)).toThrow("classes must be a positive integer, got 0");
  });
});
