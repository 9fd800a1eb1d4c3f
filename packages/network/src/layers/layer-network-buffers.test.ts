import { logLikelihood, softmax } from "@backprop/activations";
import { type DType, Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { NetworkShapeError } from "../errors";
import { conv2d } from "./conv2d";
import { dense } from "./dense";
import { flatten } from "./flatten";
import { LayerNetwork } from "./layer-network";
import { maxPool } from "./max-pool";

/** conv(relu) → maxPool → flatten → dense softmax, in the given precision, seeded. */
function net(dtype: DType, seed = 5): LayerNetwork {
  const rng = new Rng(seed);
  const conv = conv2d({
    inputShape: { channels: 1, height: 10, width: 10 },
    filters: 4,
    kernelSize: 3,
    activation: "relu",
    rng,
    dtype,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const out = dense({ inputs: 64, outputs: 3, activation: softmax, init: "scaled", rng, dtype });
  return new LayerNetwork({ layers: [conv, pool, flat, out], cost: logLikelihood });
}

function batch(m: number, seed: number): { x: Matrix; y: Matrix } {
  const rng = new Rng(seed);
  const x = Matrix.zeros(100, m);
  rng.fillNormal(x.data);
  const y = Matrix.zeros(3, m);
  for (let j = 0; j < m; j++) y.data[(j % 3) * m + j] = 1;
  return { x, y };
}

describe("LayerNetwork buffers and precision", () => {
  it("reuse the layers' buffers batch after batch, and give the same gradients as fresh layers", () => {
    const reused = net("float64");
    const { x, y } = batch(4, 1);
    const other = batch(4, 2);
    reused.backprop(other.x, other.y); // fills the buffers with another batch first
    const a = reused.backprop(x, y).map((gs) => gs.map((g) => Array.from(g.data)));
    const b = net("float64")
      .backprop(x, y)
      .map((gs) => gs.map((g) => Array.from(g.data)));
    expect(a).toEqual(b);
    // A new batch size gets new buffers; the old size's results are not disturbed.
    const small = batch(2, 3);
    expect(() => reused.backprop(small.x, small.y)).not.toThrow();
    expect(reused.backprop(x, y).map((gs) => gs.map((g) => Array.from(g.data)))).toEqual(b);
  });

  it("return a copy from feedforward, which a later pass does not overwrite", () => {
    const network = net("float64");
    const first = batch(3, 4).x;
    const out = network.feedforward(first);
    const kept = Array.from(out.data);
    network.feedforward(batch(3, 5).x);
    expect(Array.from(out.data)).toEqual(kept);
  });

  it("skip δ of the network's input: the first layer's backward(δ, false) returns null, same gradients", () => {
    const layer = conv2d({
      inputShape: { channels: 2, height: 6, width: 6 },
      filters: 3,
      kernelSize: 3,
      activation: "tanh",
      rng: new Rng(2),
    });
    const x = Matrix.zeros(72, 2);
    new Rng(3).fillNormal(x.data);
    const out = layer.forward(x, true);
    const delta = Matrix.zeros(out.rows, out.cols);
    new Rng(4).fillNormal(delta.data);
    expect(layer.backward(delta, true)).not.toBeNull();
    const full = layer.gradients.map((g) => Array.from(g.data));
    expect(layer.backward(delta, false)).toBeNull();
    expect(layer.gradients.map((g) => Array.from(g.data))).toEqual(full);
  });

  it("train in float32 with float32 arrays, within float32 rounding of float64", () => {
    const n32 = net("float32");
    const n64 = net("float64");
    expect(n32.dtype).toBe("float32");
    const { x, y } = batch(5, 6);
    const g32 = n32.backprop(x, y); // a float64 batch is converted on the way in
    const g64 = n64.backprop(x, y);
    g32.forEach((gs, l) => {
      gs.forEach((g, k) => {
        expect(g.data).toBeInstanceOf(Float32Array);
        const ref = g64[l][k].data;
        const scale = Math.max(...Array.from(ref, Math.abs));
        for (let i = 0; i < ref.length; i++) {
          // The weights differ by their float32 rounding (≈ 6e-8), the sums by a few more.
          expect(Math.abs(g.data[i] - ref[i])).toBeLessThan(1e-4 * scale);
        }
      });
    });
  });

  it("refuse layers of different precisions, naming the fix", () => {
    const rng = new Rng(1);
    const a = dense({ inputs: 4, outputs: 3, activation: "sigmoid", rng, dtype: "float32" });
    const b = dense({ inputs: 3, outputs: 2, activation: "sigmoid", rng });
    expect(() => new LayerNetwork({ layers: [a, b] })).toThrow(NetworkShapeError);
    expect(() => new LayerNetwork({ layers: [a, b] })).toThrow(/same dtype/);
  });
});

describe("LayerNetwork on two threads", () => {
  it("trains to bit-identical weights with threads: 2 (the products are split, not reordered)", () => {
    const build = (threads: 1 | 2) => {
      const rng = new Rng(9);
      const conv = conv2d({
        inputShape: { channels: 1, height: 12, width: 12 },
        filters: 8,
        kernelSize: 5,
        activation: "relu",
        rng,
        threads,
      });
      const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
      const flat = flatten({ inputShape: pool.outputShape });
      const fc = dense({
        inputs: 128,
        outputs: 3,
        activation: softmax,
        init: "scaled",
        rng,
        threads,
      });
      return new LayerNetwork({ layers: [conv, pool, flat, fc], cost: logLikelihood });
    };
    const one = build(1);
    const two = build(2);
    const rng = new Rng(10);
    for (let step = 0; step < 5; step++) {
      const x = Matrix.zeros(144, 10);
      rng.fillNormal(x.data);
      const y = Matrix.zeros(3, 10);
      for (let j = 0; j < 10; j++) y.data[rng.integer(3) * 10 + j] = 1;
      one.updateMiniBatch(x, y, 0.05);
      two.updateMiniBatch(x, y, 0.05);
    }
    const weights = (n: LayerNetwork) =>
      n.layers.flatMap((l) => l.parameters.map((p) => Array.from(p.data)));
    expect(weights(two)).toEqual(weights(one));
    expect(weights(one)[0]).not.toEqual(weights(build(1))[0]); // training moved them
  });
});
