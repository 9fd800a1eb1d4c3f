import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { sigmoid, sigmoidScalar } from "./sigmoid";

// sigmoid's fn and derivative run linalg's kernels (WebAssembly SIMD for long arrays): they
// must store exactly what the loops over sigmoidScalar stored before, in both precisions.

function bytes(m: Matrix): Uint8Array {
  return new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength);
}

/** 20·24·24 × 10 (network3's conv1 activations) and 100 × 10, of z over [−800, 800] and a few specials. */
const SHAPES = [
  [20 * 24 * 24, 10],
  [100, 10],
  [3, 1],
] as const;

describe.each(["float64", "float32"] as const)("sigmoid, %s", (dtype) => {
  it.each(SHAPES)("fn and derivative on %i × %i store sigmoidScalar's bits", (rows, cols) => {
    const rng = new Rng(rows);
    const z = Matrix.zeros(rows, cols, dtype);
    const specials = [0, -0, 708, -708, -709.5, 745.2, -745.2, Infinity, -Infinity, Number.NaN];
    for (let i = 0; i < z.data.length; i++) {
      z.data[i] = rng.uniform() < 0.01 ? specials[rng.integer(specials.length)] : rng.normal(0, 8);
    }
    const want = Matrix.zeros(rows, cols, dtype);
    const got = Matrix.zeros(rows, cols, dtype);
    for (let i = 0; i < z.data.length; i++) want.data[i] = sigmoidScalar(z.data[i]);
    sigmoid.fn(z, got);
    expect(bytes(got)).toEqual(bytes(want));
    for (let i = 0; i < z.data.length; i++) {
      const s = sigmoidScalar(z.data[i]);
      want.data[i] = s * (1 - s);
    }
    sigmoid.derivative(z, got);
    expect(bytes(got)).toEqual(bytes(want));
  });
});
