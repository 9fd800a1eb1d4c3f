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
