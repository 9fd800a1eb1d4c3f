import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { avgPool } from "./avg-pool";
import { checkLayerGradients } from "./check-layer-gradients";
import { maxPool } from "./max-pool";

const one = (height: number, width: number) => ({ channels: 1, height, width });

describe("maxPool", () => {
  it("takes each window's maximum and routes δ to where it was (first on ties)", () => {
    const layer = maxPool({ inputShape: one(2, 4), size: 2 });
    // the image: [1 5 | 7 7]
    //            [3 2 | 7 0]   second window: three 7s; the first in row-major order wins
    const x = Matrix.fromFlat(8, 1, [1, 5, 7, 7, 3, 2, 7, 0]);
    expect(Array.from(layer.forward(x, false).data)).toEqual([5, 7]);
    const deltaIn = layer.backward(Matrix.fromFlat(2, 1, [10, 20]));
    expect(Array.from(deltaIn.data)).toEqual([0, 10, 20, 0, 0, 0, 0, 0]);
  });

  it("adds the δ of overlapping windows (stride < size) that share a maximum", () => {
    const wide = maxPool({ inputShape: one(2, 3), size: 2, stride: 1 });
    const x = Matrix.fromFlat(6, 1, [0, 9, 0, 0, 0, 0]); // 9 is the max of both windows
    wide.forward(x, false);
    expect(Array.from(wide.backward(Matrix.fromFlat(2, 1, [1, 2])).data)).toEqual([
      0, 3, 0, 0, 0, 0,
    ]);
  });

  it.each([
    [2, 6, 6, 2, 2, 3],
    [3, 7, 5, 3, 2, 2], // odd sizes: the last row/column is left out (floor)
    [2, 6, 6, 3, 1, 2], // overlapping windows
  ])(
    "C=%i H=%i W=%i size=%i stride=%i m=%i: backward against finite differences",
    (C, H, W, size, stride, m) => {
      const layer = maxPool({ inputShape: { channels: C, height: H, width: W }, size, stride });
      const report = checkLayerGradients(layer, { samples: m, seed: 5 });
      expect(report.checked).toBe(C * H * W * m);
      expect(report.ok, JSON.stringify(report.worst)).toBe(true);
    },
  );
});

describe("avgPool", () => {
  it("averages each window and spreads δ evenly over it", () => {
    const layer = avgPool({ inputShape: one(2, 4), size: 2 });
    const x = Matrix.fromFlat(8, 1, [1, 5, 7, 7, 3, 3, 7, 1]);
    expect(Array.from(layer.forward(x, false).data)).toEqual([3, 5.5]);
    expect(Array.from(layer.backward(Matrix.fromFlat(2, 1, [4, 8])).data)).toEqual([
      1, 1, 2, 2, 1, 1, 2, 2,
    ]);
  });

  it.each([
    [2, 6, 6, 2, 2, 3],
    [3, 7, 5, 3, 2, 2],
    [2, 6, 6, 3, 1, 2],
  ])(
    "C=%i H=%i W=%i size=%i stride=%i m=%i: backward against finite differences",
    (C, H, W, size, stride, m) => {
      const layer = avgPool({ inputShape: { channels: C, height: H, width: W }, size, stride });
      const report = checkLayerGradients(layer, { samples: m, seed: 5 });
      expect(report.checked).toBe(C * H * W * m);
      expect(report.ok, JSON.stringify(report.worst)).toBe(true);
    },
  );

  it("refuses a window larger than the input, naming both", () => {
    expect(() => avgPool({ inputShape: one(2, 2), size: 3 })).toThrow(
      /3×3 window does not fit a 1×2×2/,
    );
    expect(() => maxPool({ inputShape: one(4, 4), size: 2 }).backward(Matrix.zeros(4, 1))).toThrow(
      /call forward first/,
    );
  });
});

it("pooling works per sample: samples of a batch do not mix", () => {
  const rng = new Rng(1);
  const layer = maxPool({ inputShape: { channels: 2, height: 4, width: 4 }, size: 2 });
  const x = Matrix.zeros(32, 3);
  rng.fillNormal(x.data);
  const batch = layer.forward(x, false);
  for (let j = 0; j < 3; j++) {
    const column = Matrix.fromFlat(
      32,
      1,
      Array.from({ length: 32 }, (_, r) => x.data[r * 3 + j]),
    );
    const alone = layer.forward(column, false);
    for (let r = 0; r < alone.rows; r++) expect(alone.data[r]).toBe(batch.data[r * 3 + j]);
  }
});

describe("maxPool against a plain reference", () => {
  /** The max of each window, first on ties and first NaN, and δ routed to it: written to be read. */
  function reference(x: number[][][], size: number, stride: number) {
    const out: number[][][] = [];
    const from: [number, number][][][] = [];
    for (const [c, map] of x.entries()) {
      out.push([]);
      from.push([]);
      for (let oy = 0; oy * stride + size <= map.length; oy++) {
        out[c].push([]);
        from[c].push([]);
        for (let ox = 0; ox * stride + size <= map[0].length; ox++) {
          let best: [number, number] = [oy * stride, ox * stride];
          for (let dy = 0; dy < size; dy++)
            for (let dx = 0; dx < size; dx++) {
              const v = map[oy * stride + dy][ox * stride + dx];
              const max = map[best[0]][best[1]];
              if (v > max || (Number.isNaN(v) && !Number.isNaN(max)))
                best = [oy * stride + dy, ox * stride + dx];
            }
          out[c][oy].push(map[best[0]][best[1]]);
          from[c][oy].push(best);
        }
      }
    }
    return { out, from };
  }

  for (const [size, stride] of [
    [2, 2],
    [2, 1],
    [3, 2],
    [3, 3],
  ]) {
    it(`${size}×${size} windows, stride ${stride}: the same maxima and δ routes, with ties and NaN`, () => {
      const [C, H, W, m] = [3, 7, 8, 4];
      const rng = new Rng(size * 10 + stride);
      // Few distinct values, so windows tie often; a few NaN.
      const samples = Array.from({ length: m }, () =>
        Array.from({ length: C }, () =>
          Array.from({ length: H }, () =>
            Array.from({ length: W }, () => (rng.uniform() < 0.03 ? Number.NaN : rng.integer(4))),
          ),
        ),
      );
      const x = Matrix.zeros(C * H * W, m);
      samples.forEach((s, j) => {
        s.forEach((map, c) => {
          map.forEach((row, y) => {
            row.forEach((v, xx) => {
              x.data[(c * H * W + y * W + xx) * m + j] = v;
            });
          });
        });
      });
      const layer = maxPool({ inputShape: { channels: C, height: H, width: W }, size, stride });
      const out = layer.forward(x, false);
      const { height: OH, width: OW } = layer.outputShape;
      const delta = Matrix.zeros(out.rows, m);
      rng.fillNormal(delta.data);
      const deltaIn = layer.backward(delta);
      const expectedIn = new Float64Array(C * H * W * m);
      samples.forEach((s, j) => {
        const { out: want, from } = reference(s, size, stride);
        for (let c = 0; c < C; c++)
          for (let oy = 0; oy < OH; oy++)
            for (let ox = 0; ox < OW; ox++) {
              const o = (c * OH * OW + oy * OW + ox) * m + j;
              expect(out.data[o]).toBe(want[c][oy][ox]); // toBe is Object.is: NaN equals NaN
              const [fy, fx] = from[c][oy][ox];
              expectedIn[(c * H * W + fy * W + fx) * m + j] += delta.data[o];
            }
      });
      expect(Array.from(deltaIn.data)).toEqual(Array.from(expectedIn));
    });
  }
});

describe("maxPool 2×2, stride 2 (linalg's branch-free kernels)", () => {
  /** Values with ties (±0 among them), NaNs of both signs, ±∞: where a shortcut would show. */
  function awkward(rng: Rng, n: number, dtype: "float64" | "float32") {
    const x = Matrix.zeros(n, 1, dtype).data;
    const choices = [0, -0, 1, 2, -1, Number.NaN, -Number.NaN, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      x[i] = rng.uniform() < 0.6 ? choices[rng.integer(choices.length)] : rng.uniform() - 0.5;
    }
    return x;
  }

  /** The layer's loops as they were before the kernels: scan each window, += onto zeros. */
  function reference(x: Matrix, delta: Matrix, C: number, H: number, W: number) {
    const m = x.cols;
    const [OH, OW] = [H >> 1, W >> 1];
    const y = Matrix.zeros(C * OH * OW, m, x.dtype);
    const deltaIn = Matrix.zeros(C * H * W, m, x.dtype);
    const wins = (v: number, max: number) => v > max || (Number.isNaN(v) && !Number.isNaN(max));
    for (let c = 0; c < C; c++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++)
          for (let j = 0; j < m; j++) {
            let best = (c * H + 2 * oy) * W + 2 * ox;
            for (const row of [best + 1, best + W, best + W + 1]) {
              if (wins(x.data[row * m + j], x.data[best * m + j])) best = row;
            }
            const o = ((c * OH + oy) * OW + ox) * m + j;
            y.data[o] = x.data[best * m + j];
            deltaIn.data[best * m + j] += delta.data[o];
          }
    return { y, deltaIn };
  }

  /** The first byte where a and b differ (NaN bits, −0 and all), or −1. */
  function firstDifferentByte(a: Matrix, b: Matrix): number {
    const [x, y] = [new Uint8Array(a.data.buffer), new Uint8Array(b.data.buffer)];
    if (x.length !== y.length) return 0;
    return x.findIndex((v, i) => v !== y[i]);
  }

  for (const dtype of ["float64", "float32"] as const)
    it(`${dtype}: the plain loops' bits, forward and backward, as m changes`, () => {
      const rng = new Rng(7);
      for (const [C, H, W, m] of [
        [20, 24, 24, 10],
        [3, 7, 5, 3],
        [40, 8, 8, 100],
        [20, 24, 24, 10],
      ]) {
        const layer = maxPool({ inputShape: { channels: C, height: H, width: W }, size: 2 });
        const x = new Matrix(C * H * W, m, awkward(rng, C * H * W * m, dtype));
        const rows = C * (H >> 1) * (W >> 1);
        const delta = new Matrix(rows, m, awkward(rng, rows * m, dtype));
        const want = reference(x, delta, C, H, W);
        expect(firstDifferentByte(layer.forward(x, true), want.y)).toBe(-1);
        expect(firstDifferentByte(layer.backward(delta), want.deltaIn)).toBe(-1);
      }
    });
});
