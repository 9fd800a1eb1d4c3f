import { describe, expect, it } from "vitest";
import { firstDifference, sameBits, specialValues } from "../test/special-values";
import type { FloatArray } from "./matrix";
import { Rng } from "./random";
import { reluBackwardInto, reluInto, WASM_RELU_MIN_LENGTH } from "./relu-kernels";
import { reluBackwardWasmInto, reluWasmInto } from "./wasm/elementwise-wasm";

// The oracles: relu as activations' relu.ts wrote it before these kernels, to be read.
function reluNaive(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = Math.max(z[i], 0);
}
function reluBackwardNaive(z: FloatArray, g: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = g[i] * (z[i] > 0 ? 1 : 0);
}

const LENGTHS = [0, 1, 3, 7, 33, WASM_RELU_MIN_LENGTH - 1, WASM_RELU_MIN_LENGTH + 5, 11_523];

describe.each(["float64", "float32"] as const)("relu kernels, %s", (dtype) => {
  const make = (n: number) => (dtype === "float32" ? new Float32Array(n) : new Float64Array(n));

  it.each(LENGTHS)("forward, n = %i: JS loop and SIMD kernel give the naive loop's bits", (n) => {
    const z = specialValues(new Rng(n + 1), n, dtype);
    const want = make(n);
    reluNaive(z, want);
    const js = make(n);
    reluInto(z, js, { kernel: "js" });
    expect(sameBits(js, want), firstDifference(js, want)).toBe(true);
    const simd = make(n);
    expect(reluWasmInto(z, simd)).toBe(true); // Node 20 has WebAssembly SIMD
    expect(sameBits(simd, want), firstDifference(simd, want)).toBe(true);
    const auto = make(n);
    reluInto(z, auto);
    expect(sameBits(auto, want), firstDifference(auto, want)).toBe(true);
  });

  it.each(LENGTHS)("backward, n = %i: JS loop and SIMD kernel give the naive loop's bits", (n) => {
    const rng = new Rng(n + 2);
    const z = specialValues(rng, n, dtype);
    const g = specialValues(rng, n, dtype);
    const want = make(n);
    reluBackwardNaive(z, g, want);
    const js = make(n);
    reluBackwardInto(z, g, js, { kernel: "js" });
    expect(sameBits(js, want), firstDifference(js, want)).toBe(true);
    const simd = make(n);
    expect(reluBackwardWasmInto(z, g, simd)).toBe(true);
    expect(sameBits(simd, want), firstDifference(simd, want)).toBe(true);
    const auto = make(n);
    reluBackwardInto(z, g, auto);
    expect(sameBits(auto, want), firstDifference(auto, want)).toBe(true);
  });

  it("works in place (out = z, out = g), on both paths", () => {
    for (const n of [5, WASM_RELU_MIN_LENGTH + 3]) {
      const rng = new Rng(n);
      const z = specialValues(rng, n, dtype);
      const g = specialValues(rng, n, dtype);
      const want = make(n);
      reluNaive(z, want);
      const inPlace = z.slice();
      reluInto(inPlace, inPlace);
      expect(sameBits(inPlace, want)).toBe(true);
      reluBackwardNaive(z, g, want);
      const gInPlace = g.slice();
      reluBackwardInto(z, gInPlace, gInPlace);
      expect(sameBits(gInPlace, want)).toBe(true);
    }
  });
});

describe("relu kernels' edges", () => {
  it("spell out the cases: −0 → +0, NaN stays NaN; g·0 keeps g's sign, ∞·0 is NaN", () => {
    const z = new Float64Array([-0, 0, -3, 2, Number.NaN, -Infinity, Infinity]);
    const a = new Float64Array(7);
    reluInto(z, a, { kernel: "js" });
    expect(Array.from(a)).toEqual([0, 0, 0, 2, Number.NaN, 0, Infinity]);
    expect(Object.is(a[0], 0)).toBe(true);
    const g = new Float64Array([-5, Infinity, -1, -1, 4, Number.NaN, 3]);
    const d = new Float64Array(7);
    reluBackwardInto(z, g, d, { kernel: "js" });
    expect(Array.from(d)).toEqual([-0, Number.NaN, -0, -1, 0, Number.NaN, 3]);
  });

  it("mixed precisions take the JS loop, with the naive loop's values", () => {
    const z = specialValues(new Rng(9), 4099, "float64");
    const out = new Float32Array(4099);
    const want = new Float32Array(4099);
    reluNaive(z, want);
    reluInto(z, out);
    expect(sameBits(out, want)).toBe(true);
  });

  it("refuses arrays of different lengths, naming both", () => {
    expect(() => reluInto(new Float64Array(3), new Float64Array(4))).toThrow(
      /z holds 3 values but out holds 4/,
    );
    expect(() =>
      reluBackwardInto(new Float32Array(3), new Float32Array(2), new Float32Array(3)),
    ).toThrow(/z holds 3 values but g holds 2/);
  });
});
