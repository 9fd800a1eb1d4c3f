import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainNumbers } from "./plain-numbers";

describe("plainNumbers", () => {
  it("holds the same values as Array.from, in float64 and float32, NaN and -0 included", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 300 }), (values) => {
        const f64 = Float64Array.from(values);
        const f32 = Float32Array.from(values);
        expect(plainNumbers(f64)).toEqual(Array.from(f64));
        expect(plainNumbers(f32)).toEqual(Array.from(f32));
        expect(Array.isArray(plainNumbers(f32))).toBe(true);
      }),
    );
  });

  it("gives an empty array for no values, and integers unchanged", () => {
    expect(plainNumbers(new Float32Array(0))).toEqual([]);
    expect(plainNumbers(Int32Array.of(3, -7, 0))).toEqual([3, -7, 0]);
  });
});
