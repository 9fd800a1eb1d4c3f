import { identity, tanh } from "@backprop/activations";
import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { checkLayerGradients } from "./check-layer-gradients";
import type { Padding } from "./conv-geometry";
import { conv2d } from "./conv2d";
import { conv2dBackwardNaive, conv2dForwardNaive } from "./conv2d-naive";

function random(rows: number, cols: number, rng: Rng): Matrix {
  const m = Matrix.zeros(rows, cols);
  rng.fillNormal(m.data);
  return m;
}

/** max |a − b| / max(1, |b|) over all entries (the shapes must match). */
function worstDifference(a: Matrix, b: Matrix): number {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  let worst = 0;
  for (let i = 0; i < a.data.length; i++)
    worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(1, Math.abs(b.data[i])));
  return worst;
}

// [C, H, W, filters, k, stride, padding, samples]
const cases: [number, number, number, number, number, number, Padding, number][] = [
  [1, 5, 5, 1, 3, 1, "valid", 1],
  [3, 7, 6, 4, 3, 1, "valid", 3],
  [2, 9, 7, 3, 3, 2, "valid", 2],
  [2, 6, 5, 2, 3, 1, "same", 2],
  [3, 7, 9, 2, 4, 1, "same", 2], // even kernel: the extra zero goes bottom/right
  [2, 8, 7, 3, 3, 2, "same", 3],
  [1, 11, 11, 5, 5, 3, "same", 1],
  [2, 6, 6, 2, 3, 2, 1, 2], // PyTorch's padding=1
  [4, 12, 10, 6, 5, 1, "valid", 4], // big enough that gemm takes the WebAssembly path
];

describe("conv2d: the im2col + gemm path equals the naive loops (1e-12, float64)", () => {
  it.each(cases)(
    "C=%i H=%i W=%i F=%i k=%i stride=%i padding=%s m=%i",
    (C, H, W, F, k, stride, padding, m) => {
      const rng = new Rng(C * 1000 + H * 100 + W);
      const layer = conv2d({
        inputShape: { channels: C, height: H, width: W },
        filters: F,
        kernelSize: k,
        stride,
        padding,
        activation: identity, // so ∂C/∂a = ∂C/∂z and the naive backward takes the same δ
        rng,
      });
      const [w, b] = layer.parameters;
      const x = random(C * H * W, m, rng);
      const z = layer.forward(x, true);
      expect(z.rows).toBe(F * layer.outputShape.height * layer.outputShape.width);
      expect(worstDifference(z, conv2dForwardNaive(layer.geometry, x, w, b))).toBeLessThan(1e-12);
      const delta = random(z.rows, m, rng);
      const deltaIn = layer.backward(delta) as Matrix;
      const naive = conv2dBackwardNaive(layer.geometry, x, w, delta);
      expect(worstDifference(deltaIn, naive.deltaInput)).toBeLessThan(1e-12);
      expect(worstDifference(layer.gradients[0], naive.nablaW)).toBeLessThan(1e-12);
      expect(worstDifference(layer.gradients[1], naive.nablaB)).toBeLessThan(1e-12);
    },
  );

  it("has the output sizes of PyTorch (valid, padding=p) and TensorFlow (same)", () => {
    const shape = (H: number, k: number, stride: number, padding: Padding) =>
      conv2d({
        inputShape: { channels: 1, height: H, width: H + 1 },
        filters: 2,
        kernelSize: k,
        stride,
        padding,
        activation: identity,
        rng: new Rng(0),
      }).outputShape;
    expect(shape(28, 5, 1, "valid")).toEqual({ channels: 2, height: 24, width: 25 }); // network3's 28→24
    expect(shape(7, 3, 2, "valid")).toEqual({ channels: 2, height: 3, width: 3 });
    expect(shape(7, 3, 2, "same")).toEqual({ channels: 2, height: 4, width: 4 });
    expect(shape(7, 4, 1, "same")).toEqual({ channels: 2, height: 7, width: 8 });
    expect(shape(6, 3, 2, 1)).toEqual({ channels: 2, height: 3, width: 4 });
  });

  it("puts the extra zero of an even kernel's same padding at the bottom/right", () => {
    const layer = conv2d({
      inputShape: { channels: 1, height: 2, width: 2 },
      filters: 1,
      kernelSize: 2,
      padding: "same",
      activation: identity,
      rng: new Rng(0),
    });
    layer.parameters[0].data.set([1, 0, 0, 0]); // picks the top-left of each window
    layer.parameters[1].data.set([0]);
    const out = layer.forward(Matrix.fromFlat(4, 1, [1, 2, 3, 4]), false);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4]); // window (0,0) starts at pixel (0,0)
  });
});

describe("conv2d: backward against finite differences (checkLayerGradients)", () => {
  it.each(cases.slice(0, 8))(
    "C=%i H=%i W=%i F=%i k=%i stride=%i padding=%s m=%i, tanh",
    (C, H, W, F, k, stride, padding, m) => {
      const layer = conv2d({
        inputShape: { channels: C, height: H, width: W },
        filters: F,
        kernelSize: k,
        stride,
        padding,
        activation: tanh,
        rng: new Rng(7),
      });
      const report = checkLayerGradients(layer, { samples: m, seed: 3 });
      expect(report.checked).toBe(C * H * W * m + F * C * k * k + F);
      expect(report.worst.error).toBeLessThan(1e-6);
      expect(report.ok).toBe(true);
    },
  );
});
