import { describe, expect, it } from "vitest";
import { firstDifference, sameBits, specialValues } from "../test/special-values";
import { type DType, type FloatArray, Matrix } from "./matrix";
import { maxPool2x2BackwardInto, maxPool2x2Into } from "./max-pool-kernels";
import { Rng } from "./random";
import { maxPool2x2BackwardWasmInto, maxPool2x2WasmInto } from "./wasm/elementwise-wasm";

/**
 * The oracle, written to be read (and as network's maxPool layer did it before these
 * kernels): for each window, scan the four inputs in row-major order and keep the first
 * that wins (larger, or the first NaN); δ goes to it, added onto zeros.
 */
function maxPoolNaive(
  x: FloatArray,
  image: { channels: number; height: number; width: number },
  m: number,
  y: FloatArray,
  corner: Uint8Array,
) {
  const { channels: C, height: H, width: W } = image;
  const [OH, OW] = [Math.floor(H / 2), Math.floor(W / 2)];
  const wins = (v: number, max: number) => v > max || (Number.isNaN(v) && !Number.isNaN(max));
  for (let c = 0; c < C; c++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++)
        for (let j = 0; j < m; j++) {
          const pixel = (dy: number, dx: number) => (c * H + 2 * oy + dy) * W + 2 * ox + dx;
          let best = 0;
          for (let k = 1; k < 4; k++) {
            const v = x[pixel(k >> 1, k & 1) * m + j];
            if (wins(v, x[pixel(best >> 1, best & 1) * m + j])) best = k;
          }
          const o = ((c * OH + oy) * OW + ox) * m + j;
          y[o] = x[pixel(best >> 1, best & 1) * m + j];
          corner[o] = best;
        }
}

function maxPoolBackwardNaive(
  delta: FloatArray,
  corner: Uint8Array,
  image: { channels: number; height: number; width: number },
  m: number,
  deltaIn: FloatArray,
) {
  const { channels: C, height: H, width: W } = image;
  const [OH, OW] = [Math.floor(H / 2), Math.floor(W / 2)];
  deltaIn.fill(0);
  for (let c = 0; c < C; c++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++)
        for (let j = 0; j < m; j++) {
          const o = ((c * OH + oy) * OW + ox) * m + j;
          const [dy, dx] = [corner[o] >> 1, corner[o] & 1];
          deltaIn[((c * H + 2 * oy + dy) * W + 2 * ox + dx) * m + j] += delta[o];
        }
}

/** Inputs full of ties: a few small integers (and ±0), with the special values mixed in. */
function tiedValues(rng: Rng, n: number, dtype: DType): FloatArray {
  const x = specialValues(rng, n, dtype);
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < 0.5) x[i] = [0, -0, 1, 2, -1][rng.integer(5)];
  }
  return x;
}

// C, H, W, m: network3's shapes; odd H and W (the last row and column left out); m below,
// at and above the lanes of a vector (2 in float64, 4 in float32), and not a multiple.
const SHAPES: [number, number, number, number][] = [
  [20, 24, 24, 10],
  [40, 8, 8, 10],
  [3, 7, 5, 1],
  [2, 5, 6, 3],
  [2, 6, 7, 4],
  [3, 4, 6, 5],
  [1, 2, 2, 2],
  [4, 8, 8, 100],
];

describe.each(["float64", "float32"] as const)("2×2 max pooling kernels, %s", (dtype) => {
  it.each(SHAPES)("C=%i H=%i W=%i m=%i: the naive loop's bits and corners", (C, H, W, m) => {
    const image = { channels: C, height: H, width: W };
    const rng = new Rng(C * 1000 + H * 100 + W * 10 + m);
    const pooledRows = C * (H >> 1) * (W >> 1);
    const x = new Matrix(C * H * W, m, tiedValues(rng, C * H * W * m, dtype));
    const delta = new Matrix(pooledRows, m, specialValues(rng, pooledRows * m, dtype));
    const wantY = Matrix.zeros(pooledRows, m, dtype);
    const wantCorner = new Uint8Array(pooledRows * m);
    maxPoolNaive(x.data, image, m, wantY.data, wantCorner);
    const wantIn = Matrix.zeros(C * H * W, m, dtype);
    maxPoolBackwardNaive(delta.data, wantCorner, image, m, wantIn.data);

    const paths = {
      js: { kernel: "js" } as const,
      auto: {},
    };
    for (const [name, options] of Object.entries(paths)) {
      const y = Matrix.zeros(pooledRows, m, dtype);
      const corner = new Uint8Array(pooledRows * m);
      maxPool2x2Into(x, image, y, corner, options);
      expect(sameBits(y.data, wantY.data), `${name}: ${firstDifference(y.data, wantY.data)}`).toBe(
        true,
      );
      expect(Array.from(corner), name).toEqual(Array.from(wantCorner));
      const deltaIn = Matrix.zeros(C * H * W, m, dtype);
      deltaIn.data.fill(Number.NaN); // every value must be written, the uncovered ones as 0
      maxPool2x2BackwardInto(delta, corner, image, deltaIn, options);
      expect(
        sameBits(deltaIn.data, wantIn.data),
        `${name}: ${firstDifference(deltaIn.data, wantIn.data)}`,
      ).toBe(true);
    }

    // The SIMD kernels themselves, whatever the size (WebAssembly SIMD is in Node 20).
    const y = Matrix.zeros(pooledRows, m, dtype);
    const corner = new Uint8Array(pooledRows * m);
    expect(maxPool2x2WasmInto(x.data, y.data, corner, C, H, W, m)).toBe(true);
    expect(sameBits(y.data, wantY.data), firstDifference(y.data, wantY.data)).toBe(true);
    expect(Array.from(corner)).toEqual(Array.from(wantCorner));
    const deltaIn = Matrix.zeros(C * H * W, m, dtype);
    deltaIn.data.fill(Number.NaN);
    expect(maxPool2x2BackwardWasmInto(delta.data, corner, deltaIn.data, C, H, W, m)).toBe(true);
    expect(sameBits(deltaIn.data, wantIn.data), firstDifference(deltaIn.data, wantIn.data)).toBe(
      true,
    );
  });
});

describe("2×2 max pooling kernels' edges", () => {
  it("pick the first of equal values (−0 before +0), the first NaN, and route −0 as +0", () => {
    const image = { channels: 1, height: 2, width: 6 };
    // Three windows, one sample: [−0 +0 / +0 −0], [1 NaN / 5 NaN], [2 2 / 1 2].
    const x = Matrix.fromFlat(12, 1, [-0, 0, 1, Number.NaN, 2, 2, 0, -0, 5, Number.NaN, 1, 2]);
    for (const kernel of ["js", "auto"] as const) {
      const y = Matrix.zeros(3, 1);
      const corner = new Uint8Array(3);
      maxPool2x2Into(x, image, y, corner, { kernel });
      expect(Object.is(y.data[0], -0)).toBe(true);
      expect(Array.from(corner)).toEqual([0, 1, 0]);
      const deltaIn = Matrix.zeros(12, 1);
      maxPool2x2BackwardInto(Matrix.fromFlat(3, 1, [-0, 7, -2]), corner, image, deltaIn, {
        kernel,
      });
      expect(Object.is(deltaIn.data[0], 0)).toBe(true);
      expect(Array.from(deltaIn.data)).toEqual([0, 0, 0, 7, -2, 0, 0, 0, 0, 0, 0, 0]);
    }
  });

  it("refuse shapes that do not fit the image, naming them", () => {
    const image = { channels: 2, height: 4, width: 4 };
    expect(() =>
      maxPool2x2Into(Matrix.zeros(32, 3), image, Matrix.zeros(8, 2), new Uint8Array(16)),
    ).toThrow(/2×4×4 image pools .* x is 32×3 and y is 8×2/);
    expect(() =>
      maxPool2x2BackwardInto(Matrix.zeros(8, 3), new Uint8Array(23), image, Matrix.zeros(32, 3)),
    ).toThrow(/corner holds 23 bytes but delta \(8×3\) has 24 values/);
  });
});
