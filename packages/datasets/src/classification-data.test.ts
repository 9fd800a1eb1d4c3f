import { describe, expect, it } from "vitest";
import { ClassificationData } from "./classification-data";
import { DatasetError } from "./errors";

// Four samples of three features: sample s holds s·10 + feature.
const data = new ClassificationData({
  inputs: Float64Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]),
  labels: Uint8Array.of(1, 0, 1, 2),
  features: 3,
  classes: 3,
});

describe("ClassificationData", () => {
  it("knows its sizes and counts per class", () => {
    expect([data.length, data.features, data.classes]).toEqual([4, 3, 3]);
    expect(data.sampleShape).toEqual([3]);
    expect(data.classCounts()).toEqual([1, 2, 1]);
  });

  it("slice gives views of the same memory", () => {
    const part = data.slice(1, 3);
    expect(part.length).toBe(2);
    expect(Array.from(part.inputs)).toEqual([10, 11, 12, 20, 21, 22]);
    expect(Array.from(part.labels)).toEqual([0, 1]);
    expect(part.inputs.buffer).toBe(data.inputs.buffer);
    expect(data.slice(4).length).toBe(0);
    expect(() => data.slice(3, 2)).toThrow("need 0 ≤ start ≤ end ≤ 4, got start 3, end 2");
  });

  it("select copies the chosen samples in the given order", () => {
    const picked = data.select([3, 0, 3]);
    expect(Array.from(picked.inputs)).toEqual([30, 31, 32, 0, 1, 2, 30, 31, 32]);
    expect(Array.from(picked.labels)).toEqual([2, 1, 2]);
    expect(picked.inputs.buffer).not.toBe(data.inputs.buffer);
    expect(picked.inputs).toBeInstanceOf(Float64Array);
    expect(() => data.select([4])).toThrow("index 4 (position 0) is outside [0, 4)");
  });

  it("rejects inputs and labels of different counts", () => {
    const make = () =>
      new ClassificationData({
        inputs: new Uint8Array(10),
        labels: new Uint8Array(3),
        features: 4,
        classes: 2,
      });
    expect(make).toThrow(DatasetError);
    expect(make).toThrow("expected 3 labels × 4 features = 12 input values, found 10 input values");
  });

  it("rejects a label outside the class range, naming the sample", () => {
    const make = () =>
      new ClassificationData({
        inputs: new Uint8Array(6),
        labels: Uint8Array.of(0, 1, 5),
        features: 2,
        classes: 3,
      });
    expect(make).toThrow(expect.objectContaining({ code: "label-range", found: "5" }));
    expect(make).toThrow("labels, sample 2: expected a label in [0, 2] (3 classes), found 5");
    const negative = () =>
      new ClassificationData({
        inputs: new Float64Array(1),
        labels: Int32Array.of(-1),
        features: 1,
        classes: 2,
      });
    expect(negative).toThrow(expect.objectContaining({ code: "label-range", found: "-1" }));
  });

  it("rejects a sample shape, class names or sizes that do not fit", () => {
    const base = { inputs: new Uint8Array(6), labels: new Uint8Array(1), features: 6, classes: 2 };
    expect(() => new ClassificationData({ ...base, sampleShape: [2, 2] })).toThrow(
      "sampleShape [2, 2] holds 4 values",
    );
    expect(() => new ClassificationData({ ...base, classNames: ["a"] })).toThrow(
      "1 class names for 2 classes",
    );
    expect(() => new ClassificationData({ ...base, features: 0 })).toThrow(RangeError);
    expect(() => new ClassificationData({ ...base, classes: 1.5 })).toThrow(RangeError);
  });
});
