import { Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { ClassificationData } from "./classification-data";
import { splitData } from "./split-data";

/** n one-feature samples whose value is their index. */
function indexed(n: number): ClassificationData {
  return new ClassificationData({
    inputs: Float64Array.from({ length: n }, (_, i) => i),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
    features: 1,
    classes: 2,
  });
}

describe("splitData", () => {
  it("without an rng, keeps the order: training, then validation, then test, as views", () => {
    const data = indexed(10);
    const { training, validation, test } = splitData(data, { validation: 2, test: 0.3 });
    expect(Array.from(training.inputs)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(validation.inputs)).toEqual([5, 6]);
    expect(Array.from(test.inputs)).toEqual([7, 8, 9]);
    expect(training.inputs.buffer).toBe(data.inputs.buffer);
  });

  it("with an rng, shuffles first: every sample lands in exactly one part, repeatably", () => {
    const data = indexed(40);
    const split = () => splitData(data, { validation: 0.25, test: 0.25, rng: new Rng(5) });
    const a = split();
    expect([a.training.length, a.validation.length, a.test.length]).toEqual([20, 10, 10]);
    const all = [a.training, a.validation, a.test].flatMap((d) => Array.from(d.inputs));
    expect(all.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(all).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(Array.from(split().test.inputs)).toEqual(Array.from(a.test.inputs));
    for (const part of [a.training, a.validation, a.test]) {
      expect(Array.from(part.labels)).toEqual(Array.from(part.inputs, (v) => v % 2));
    }
  });

  it("defaults to everything in training and rejects impossible sizes", () => {
    expect(splitData(indexed(3)).training.length).toBe(3);
    expect(() => splitData(indexed(3), { validation: 2, test: 2 })).toThrow(
      "validation (2) + test (2) samples exceed the 3 available",
    );
    expect(() => splitData(indexed(3), { test: 1.5 })).toThrow(
      "test must be a fraction in [0, 1) or a whole count ≥ 1, got 1.5",
    );
  });
});
