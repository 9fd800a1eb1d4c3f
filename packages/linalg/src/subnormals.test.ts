import { describe, expect, it } from "vitest";
import { Matrix } from "./matrix";
import { FLOAT32_MIN_NORMAL, flushSubnormals } from "./subnormals";

describe("flushSubnormals", () => {
  it("zeroes float32 subnormals and keeps every normal value, 0 and non-finite ones", () => {
    const smallest = 2 ** -149; // the smallest float32 subnormal
    const x = Matrix.fromFlat(
      1,
      9,
      [
        smallest,
        -smallest,
        FLOAT32_MIN_NORMAL / 2,
        FLOAT32_MIN_NORMAL,
        -FLOAT32_MIN_NORMAL,
        1e-30,
        0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ],
      "float32",
    );
    expect(x.data[0]).toBe(smallest); // stored as a subnormal, not already 0
    flushSubnormals(x);
    expect(Array.from(x.data)).toEqual([
      0,
      0,
      0,
      Math.fround(FLOAT32_MIN_NORMAL),
      -Math.fround(FLOAT32_MIN_NORMAL),
      Math.fround(1e-30),
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
    expect(Math.fround(FLOAT32_MIN_NORMAL)).toBe(2 ** -126);
  });

  it("leaves float64 matrices alone, subnormals included", () => {
    const x = Matrix.fromFlat(1, 2, [1e-310, 1e-40]);
    flushSubnormals(x);
    expect(Array.from(x.data)).toEqual([1e-310, 1e-40]);
  });
});
