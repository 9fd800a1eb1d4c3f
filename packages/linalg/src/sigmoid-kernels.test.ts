import { describe, expect, it } from "vitest";
import { firstDifference, sameBits, specialValues } from "../test/special-values";
import type { DType, FloatArray } from "./matrix";
import { Rng } from "./random";
import { sigmoidDerivativeInto, sigmoidInto, WASM_SIGMOID_MIN_LENGTH } from "./sigmoid-kernels";
import { sigmoidScalar } from "./sigmoid-scalar";
import { SIGMOID_WASM_CHUNK, sigmoidWasmInto } from "./wasm/sigmoid-wasm";

// The oracles: the loops activations' sigmoid.ts ran before these kernels, to be read.
function sigmoidNaive(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
}
function sigmoidDerivativeNaive(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) {
    const s = sigmoidScalar(z[i]);
    out[i] = s * (1 - s);
  }
}

const MAX = Number.MAX_VALUE;
/** The doubles next to x, below and above. */
function neighbours(x: number): number[] {
  const bits = new Float64Array([x]);
  const word = new BigInt64Array(bits.buffer);
  const out: number[] = [];
  for (const step of [-1n, 1n]) {
    word[0] += step;
    out.push(bits[0]);
    word[0] -= step;
  }
  return out;
}

/**
 * Where a shortcut would show: exp's range ends (|z| = 708, where the kernel hands over
 * to JS; 709.78, where e^z overflows; 745.13, where e^−z underflows) with their
 * neighbouring doubles, both signs; zeros, infinities, huge and tiny values.
 */
const EDGES: number[] = (() => {
  const magnitudes = [708, 709.78, 709.8, 745.13, 745.2, 746, 1000, 1e300, MAX, Infinity];
  const more = [0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-20, 1e-10, 1e-5, 0.5, 1, 36, 37];
  const out: number[] = [];
  for (const m of [...magnitudes, ...more]) {
    for (const v of Number.isFinite(m) && m !== 0 ? [m, ...neighbours(m)] : [m]) out.push(v, -v);
  }
  return out;
})();

/** n test values of the given kinds, in the array type of `dtype` (float32: rounded). */
function values(rng: Rng, n: number, dtype: DType, kind: string): FloatArray {
  const x = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  if (kind === "special") return specialValues(rng, n, dtype);
  for (let i = 0; i < n; i++) {
    if (kind === "normal") x[i] = rng.normal(0, 4);
    else if (kind === "uniform 50") x[i] = 100 * (rng.uniform() - 0.5);
    else if (kind === "uniform 800") x[i] = 1600 * (rng.uniform() - 0.5);
    else if (kind === "edges") x[i] = EDGES[rng.integer(EDGES.length)];
    // |z| in [707, 709), and nothing further out: the kernel hands |z| ≥ 708 to JS by its
    // count alone here, with no NaN or larger value to trigger the JS pass anyway.
    else if (kind === "around 708")
      x[i] = (707 + 2 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1);
    else if (kind === "any bits") {
      // Random bit patterns: every exponent, subnormals, NaNs with payloads.
      const words = new Uint32Array(x.buffer);
      if (dtype === "float32") words[i] = rng.integer(2 ** 32);
      else [words[2 * i], words[2 * i + 1]] = [rng.integer(2 ** 32), rng.integer(2 ** 32)];
    } else throw new Error(kind);
  }
  return x;
}

const KINDS = ["normal", "uniform 50", "uniform 800", "around 708", "edges", "special", "any bits"];
const LENGTHS = [0, 1, 2, 3, 7, WASM_SIGMOID_MIN_LENGTH - 1, 33, 1001, 20_001];

function make(n: number, dtype: DType): FloatArray {
  return dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
}

/** Each way of computing (naive loop, JS loop, SIMD kernel, default) against the naive bits. */
function expectAllPathsAgree(z: FloatArray, outType: DType): void {
  const n = z.length;
  for (const [naive, into, derivative] of [
    [sigmoidNaive, sigmoidInto, false],
    [sigmoidDerivativeNaive, sigmoidDerivativeInto, true],
  ] as const) {
    const want = make(n, outType);
    naive(z, want);
    const js = make(n, outType);
    into(z, js, { kernel: "js" });
    expect(sameBits(js, want), `js: ${firstDifference(js, want)}`).toBe(true);
    const simd = make(n, outType);
    expect(sigmoidWasmInto(z, simd, derivative)).toBe(true); // Node 20 has WebAssembly SIMD
    expect(sameBits(simd, want), `simd: ${firstDifference(simd, want)}`).toBe(true);
    const auto = make(n, outType);
    into(z, auto);
    expect(sameBits(auto, want), `auto: ${firstDifference(auto, want)}`).toBe(true);
  }
}

describe.each(["float64", "float32"] as const)("sigmoid kernels, %s", (dtype) => {
  describe.each(KINDS)("%s values", (kind) => {
    it.each(LENGTHS)("n = %i: JS loop and SIMD kernel store sigmoidScalar's bits", (n) => {
      expectAllPathsAgree(values(new Rng(n + kind.length), n, dtype, kind), dtype);
    });
  });

  it("takes arrays longer than a kernel chunk, with out-of-range values in every chunk", () => {
    const n = 2 * SIGMOID_WASM_CHUNK + 5;
    const z = values(new Rng(7), n, dtype, "uniform 800");
    for (const at of [0, SIGMOID_WASM_CHUNK - 1, SIGMOID_WASM_CHUNK, n - 1]) z[at] = -750;
    expectAllPathsAgree(z, dtype);
  });

  it("works in place (out = z), out-of-range values included, on both paths", () => {
    for (const n of [5, 1001]) {
      const z = values(new Rng(n), n, dtype, "uniform 800");
      z[0] = Number.NaN;
      z[n - 1] = 709;
      for (const [naive, into] of [
        [sigmoidNaive, sigmoidInto],
        [sigmoidDerivativeNaive, sigmoidDerivativeInto],
      ] as const) {
        const want = make(n, dtype);
        naive(z, want);
        for (const kernel of ["js", "auto"] as const) {
          const inPlace = z.slice();
          into(inPlace, inPlace, { kernel });
          expect(sameBits(inPlace, want), `${kernel}: ${firstDifference(inPlace, want)}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("mixes precisions: z in one, out in the other", () => {
    const other = dtype === "float32" ? "float64" : "float32";
    for (const kind of KINDS) expectAllPathsAgree(values(new Rng(3), 1001, dtype, kind), other);
  });
});

describe("sigmoid kernels' edges", () => {
  it("spell out the cases", () => {
    const z = new Float64Array([0, -0, 800, -800, Infinity, -Infinity, Number.NaN, -745.2]);
    const a = new Float64Array(z.length);
    sigmoidInto(z, a);
    expect(Array.from(a)).toEqual([0.5, 0.5, 1, 0, 1, 0, Number.NaN, 0]);
    const big = new Float64Array(64).fill(-720); // e^−720: a subnormal, rounded once
    sigmoidInto(big, big);
    expect(big[63]).toBeGreaterThan(0);
    expect(big[63]).toBeLessThan(2.2250738585072014e-308);
  });

  it("throws a RangeError naming both lengths", () => {
    expect(() => sigmoidInto(new Float64Array(3), new Float64Array(4))).toThrow(
      /z holds 3 values but out holds 4/,
    );
    expect(() => sigmoidDerivativeInto(new Float32Array(2), new Float32Array(1))).toThrow(
      RangeError,
    );
  });
});
