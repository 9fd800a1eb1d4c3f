import { describe, expect, it } from "vitest";
import { labelledSamples } from "../test/labelled-samples";
import { fillSample } from "./fill-sample";
import { Matrix } from "./matrix";

const bytes = labelledSamples({
  inputs: Uint8Array.of(0, 255, 51, 1, 2, 3),
  labels: Uint8Array.of(2, 0),
  features: 3,
  classes: 4,
});

describe("fillSample", () => {
  it("writes one sample as a column vector, bytes divided by 255, and its one-hot target", () => {
    const x = Matrix.zeros(3, 1);
    const y = Matrix.zeros(4, 1).fill(7);
    fillSample(bytes, 0, x, y);
    expect(Array.from(x.data)).toEqual([0, 1, 51 / 255]);
    expect(Array.from(y.data)).toEqual([0, 0, 1, 0]);
  });

  it("writes into one column of a wider matrix and leaves the others alone", () => {
    const x = Matrix.zeros(3, 3).fill(-1);
    const y = Matrix.zeros(4, 3).fill(-1);
    fillSample(bytes, 1, x, y, 2);
    expect(x.toArrays()).toEqual([
      [-1, -1, 1 / 255],
      [-1, -1, 2 / 255],
      [-1, -1, 3 / 255],
    ]);
    expect(y.toArrays().map((row) => row[2])).toEqual([1, 0, 0, 0]);
    expect(y.toArrays().every((row) => row[0] === -1 && row[1] === -1)).toBe(true);
  });

  it("copies float inputs unscaled, into float32 matrices too", () => {
    const floats = labelledSamples({
      inputs: Float64Array.of(-2.5, 300),
      labels: Uint8Array.of(1),
      features: 2,
      classes: 2,
    });
    const x = Matrix.zeros(2, 1, "float32");
    const y = Matrix.zeros(2, 1, "float32");
    fillSample(floats, 0, x, y);
    expect(Array.from(x.data)).toEqual([-2.5, 300]);
    expect(Array.from(y.data)).toEqual([0, 1]);
  });

  it("rejects a wrong shape, index or column", () => {
    const x = Matrix.zeros(3, 1);
    const y = Matrix.zeros(4, 1);
    expect(() => fillSample(bytes, 0, Matrix.zeros(2, 1), y)).toThrow(
      "x is 2×1 and y is 4×1, but this data needs x of 3×m and y of 4×m with the same m",
    );
    expect(() => fillSample(bytes, 0, x, Matrix.zeros(4, 2))).toThrow(RangeError);
    expect(() => fillSample(bytes, 2, x, y)).toThrow("sample index 2 is outside [0, 2)");
    expect(() => fillSample(bytes, 0, x, y, 1)).toThrow("column 1 is outside [0, 1)");
  });
});
