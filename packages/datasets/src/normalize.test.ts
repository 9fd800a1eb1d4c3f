import { describe, expect, it } from "vitest";
import { ClassificationData } from "./classification-data";
import { minMaxStats, normalize, standardStats } from "./normalize";

// Three samples of three features; the last feature is constant.
const data = new ClassificationData({
  inputs: Float64Array.from([1, -4, 7, 3, 0, 7, 5, 8, 7]),
  labels: new Uint8Array(3),
  features: 3,
  classes: 1,
});

function column(d: ClassificationData, k: number): number[] {
  return Array.from({ length: d.length }, (_, s) => d.inputs[s * d.features + k]);
}

describe("normalize", () => {
  it("min-max maps each feature onto [0, 1], a constant feature to 0", () => {
    const scaled = normalize(data, minMaxStats(data));
    expect(column(scaled, 0)).toEqual([0, 0.5, 1]);
    expect(column(scaled, 1)).toEqual([0, 1 / 3, 1]);
    expect(column(scaled, 2)).toEqual([0, 0, 0]);
  });

  it("standardisation gives each feature mean 0 and standard deviation 1", () => {
    const z = normalize(data, standardStats(data));
    for (const k of [0, 1]) {
      const values = column(z, k);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
    expect(column(z, 2)).toEqual([0, 0, 0]);
  });

  it("applies the training set's stats to other data unchanged", () => {
    const stats = minMaxStats(data);
    const other = data.with(Float64Array.from([9, 8, 7]), new Uint8Array(1));
    expect(Array.from(normalize(other, stats).inputs)).toEqual([2, 1, 0]);
  });

  it("works on the values the network sees: bytes divided by 255", () => {
    const bytes = new ClassificationData({
      inputs: Uint8Array.of(0, 51, 255),
      labels: new Uint8Array(3),
      features: 1,
      classes: 1,
    });
    expect(Array.from(minMaxStats(bytes).offset)).toEqual([0]);
    const out = normalize(bytes, minMaxStats(bytes), "float32");
    expect(out.inputs).toBeInstanceOf(Float32Array);
    expect(Array.from(out.inputs)).toEqual([0, Math.fround(0.2), 1]);
  });

  it("rejects stats for another number of features", () => {
    const stats = { offset: new Float64Array(2), scale: new Float64Array(2) };
    expect(() => normalize(data, stats)).toThrow("stats for 2 features, but the data has 3");
  });

  it("stays finite for values near the largest double (no NaN from an overflowing sum)", () => {
    const huge = new ClassificationData({
      inputs: Float64Array.from([-1.7e308, 1e308, 1.7e308, 3e200]),
      labels: new Uint8Array(4),
      features: 1,
      classes: 1,
    });
    for (const stats of [minMaxStats(huge), standardStats(huge)]) {
      const out = normalize(huge, stats);
      expect(Array.from(out.inputs).every(Number.isFinite)).toBe(true);
    }
    expect(Array.from(normalize(huge, minMaxStats(huge)).inputs)[0]).toBe(0);
    expect(Array.from(normalize(huge, minMaxStats(huge)).inputs)[2]).toBeCloseTo(1, 12);
    const z = Array.from(normalize(huge, standardStats(huge)).inputs);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length).toBeCloseTo(1, 12);
  });
});
