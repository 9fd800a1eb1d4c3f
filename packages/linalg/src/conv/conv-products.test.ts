import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstDifference, sameBits } from "../../test/special-values";
import { type DType, Matrix } from "../matrix";
import { Rng } from "../random";
import {
  type ConvOptions,
  convForwardInto,
  convInputGradientInto,
  convWeightGradientInto,
} from "./conv-products";
import type { ConvShape } from "./conv-shape";

/** A geometry as network's convGeometry builds it, from C×H×W, F filters, k, stride, padding. */
function shape(
  C: number,
  H: number,
  W: number,
  F: number,
  k: number,
  s: number,
  pad: number,
): ConvShape {
  const out = (n: number) => Math.floor((n + 2 * pad - k) / s) + 1;
  return {
    input: { channels: C, height: H, width: W },
    output: { channels: F, height: out(H), width: out(W) },
    kernelSize: k,
    stride: s,
    padTop: pad,
    padLeft: pad,
  };
}

const P = (g: ConvShape) => g.output.height * g.output.width;

/** x at (c, iy, ix) of sample j, 0 outside: the layout (C·H·W) × m. */
function pixel(x: Matrix, g: ConvShape, c: number, iy: number, ix: number, j: number): number {
  const { height: H, width: W } = g.input;
  if (iy < 0 || iy >= H || ix < 0 || ix >= W) return 0;
  return x.get((c * H + iy) * W + ix, j);
}

/** The convolution as plain loops: z[f, oy, ox] = b[f] + Σ w[f, c, ky, kx]·x[c, oy·s + ky − pad, …]. */
function naiveForward(w: Matrix, b: Matrix, x: Matrix, g: ConvShape): Matrix {
  const { kernelSize: k, stride: s } = g;
  const z = Matrix.zeros(g.output.channels * P(g), x.cols);
  for (let j = 0; j < x.cols; j++)
    for (let f = 0; f < g.output.channels; f++)
      for (let oy = 0; oy < g.output.height; oy++)
        for (let ox = 0; ox < g.output.width; ox++) {
          let sum = b.get(f, 0);
          for (let c = 0; c < g.input.channels; c++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * s + ky - g.padTop;
                const ix = ox * s + kx - g.padLeft;
                sum += w.get(f, (c * k + ky) * k + kx) * pixel(x, g, c, iy, ix, j);
              }
          z.set((f * g.output.height + oy) * g.output.width + ox, j, sum);
        }
  return z;
}

/**
 * The two gradients as plain loops, from the same sum read backwards: every term
 * w·x of z[f, oy, ox] sends δ·x to ∂w and δ·w to ∂x.
 */
function naiveBackward(w: Matrix, x: Matrix, delta: Matrix, g: ConvShape) {
  const { kernelSize: k, stride: s } = g;
  const { height: H, width: W } = g.input;
  const dw = Matrix.zeros(w.rows, w.cols);
  const dx = Matrix.zeros(x.rows, x.cols);
  for (let j = 0; j < x.cols; j++)
    for (let f = 0; f < g.output.channels; f++)
      for (let oy = 0; oy < g.output.height; oy++)
        for (let ox = 0; ox < g.output.width; ox++) {
          const d = delta.get((f * g.output.height + oy) * g.output.width + ox, j);
          for (let c = 0; c < g.input.channels; c++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * s + ky - g.padTop;
                const ix = ox * s + kx - g.padLeft;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                const r = (c * k + ky) * k + kx;
                const row = (c * H + iy) * W + ix;
                dw.set(f, r, dw.get(f, r) + d * x.get(row, j));
                dx.set(row, j, dx.get(row, j) + d * w.get(f, r));
              }
        }
  return { dw, dx };
}

function random(rows: number, cols: number, rng: Rng, dtype: DType = "float64"): Matrix {
  return Matrix.fromFlat(rows, cols, rng.fillNormal(new Float64Array(rows * cols)), dtype);
}

/** The operands of one convolution, and its three results by the chosen kernels. */
function run(g: ConvShape, m: number, seed: number, dtype: DType, options: ConvOptions) {
  const rng = new Rng(seed);
  const F = g.output.channels;
  const patch = g.input.channels * g.kernelSize * g.kernelSize;
  const w = random(F, patch, rng, dtype);
  const b = random(F, 1, rng, dtype);
  const x = random(g.input.channels * g.input.height * g.input.width, m, rng, dtype);
  const delta = random(F * P(g), m, rng, dtype);
  // Outputs start as NaN: every kernel must overwrite all of its output.
  const filled = (rows: number, cols: number) =>
    Matrix.fromFlat(rows, cols, new Float64Array(rows * cols).fill(Number.NaN), dtype);
  const z = convForwardInto(filled(F * P(g), m), w, b, x, g, options);
  const dw = convWeightGradientInto(filled(F, patch), delta, x, g, options);
  const dx = convInputGradientInto(filled(x.rows, m), w, delta, g, options);
  return { w, b, x, delta, z, dw, dx };
}

/** Expects the two matrices to hold the same bits (-0 ≠ 0, NaN payloads compared). */
function expectSameBits(actual: Matrix, expected: Matrix): void {
  expect(sameBits(actual.data, expected.data), firstDifference(actual.data, expected.data)).toBe(
    true,
  );
}

function expectClose(actual: Matrix, expected: Matrix, tolerance: number) {
  expect([actual.rows, actual.cols]).toEqual([expected.rows, expected.cols]);
  for (let i = 0; i < expected.data.length; i++) {
    const scale = Math.max(1, Math.abs(expected.data[i]));
    expect(Math.abs(actual.data[i] - expected.data[i])).toBeLessThanOrEqual(tolerance * scale);
  }
}

const geometries = fc.record({
  C: fc.integer({ min: 1, max: 3 }),
  H: fc.integer({ min: 1, max: 9 }),
  W: fc.integer({ min: 1, max: 9 }),
  F: fc.integer({ min: 1, max: 4 }),
  k: fc.integer({ min: 1, max: 4 }),
  s: fc.integer({ min: 1, max: 3 }),
  pad: fc.integer({ min: 0, max: 3 }),
  m: fc.integer({ min: 1, max: 7 }),
  seed: fc.nat(),
});

/** The drawn geometry, or null when its output would be empty. */
function drawn({
  C,
  H,
  W,
  F,
  k,
  s,
  pad,
}: {
  C: number;
  H: number;
  W: number;
  F: number;
  k: number;
  s: number;
  pad: number;
}) {
  const g = shape(C, H, W, F, k, s, pad);
  return g.output.height >= 1 && g.output.width >= 1 ? g : null;
}

describe("convolution products (im2col and col2im in the kernels' arena)", () => {
  it("equal plain loops (float64, 1e-12): forward, BP4 and BP2, any stride and padding", () => {
    fc.assert(
      fc.property(geometries, (p) => {
        const g = drawn(p);
        if (!g) return;
        const r = run(g, p.m, p.seed, "float64", {});
        expectClose(r.z, naiveForward(r.w, r.b, r.x, g), 1e-12);
        const { dw, dx } = naiveBackward(r.w, r.x, r.delta, g);
        expectClose(r.dw, dw, 1e-12);
        expectClose(r.dx, dx, 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  const sharedKey = {};
  for (const dtype of ["float64", "float32"] as const) {
    it(`${dtype}: the WebAssembly path gives the JS path's bits (im2col.ts + gemmInto)`, () => {
      fc.assert(
        fc.property(geometries, (p) => {
          const g = drawn(p);
          if (!g) return;
          const js = run(g, p.m, p.seed, dtype, { kernel: "js" });
          // The scratch memory, a layer's own (keep: new, and one key met with every shape).
          for (const keep of [undefined, {}, sharedKey]) {
            const wasm = run(g, p.m, p.seed, dtype, { keep });
            expectSameBits(wasm.z, js.z);
            expectSameBits(wasm.dw, js.dw);
            expectSameBits(wasm.dx, js.dx);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it("network3's two layers at batch 10, on one and two threads: the same bits as the JS path", () => {
    for (const g of [shape(1, 28, 28, 20, 5, 1, 0), shape(20, 12, 12, 40, 5, 1, 0)]) {
      for (const dtype of ["float64", "float32"] as const) {
        const js = run(g, 10, 7, dtype, { kernel: "js" });
        for (const threads of [1, 2] as const) {
          const wasm = run(g, 10, 7, dtype, { threads });
          expectSameBits(wasm.z, js.z);
          expectSameBits(wasm.dw, js.dw);
          expectSameBits(wasm.dx, js.dx);
        }
      }
    }
  });

  it("a wrong shape or mixed precisions: a RangeError naming the operand and the shape needed", () => {
    const g = shape(2, 6, 6, 3, 3, 1, 0);
    const x = Matrix.zeros(72, 4);
    const w = Matrix.zeros(3, 18);
    const b = Matrix.zeros(3, 1);
    expect(() => convForwardInto(Matrix.zeros(47, 4), w, b, x, g)).toThrow(
      "convForwardInto: z is 47×4 but the convolution (2×6×6 → 3×4×4, 3×3 kernels, 4 samples) needs 48×4",
    );
    expect(() => convForwardInto(Matrix.zeros(48, 4), Matrix.zeros(3, 9), b, x, g)).toThrow(
      /w is 3×9 .* needs 3×18/,
    );
    expect(() =>
      convInputGradientInto(Matrix.zeros(72, 4, "float32"), w, Matrix.zeros(48, 4), g),
    ).toThrow("convInputGradientInto: w is float64 but dx is float32");
  });
});
