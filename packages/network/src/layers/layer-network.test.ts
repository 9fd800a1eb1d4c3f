import { logLikelihood, sigmoid, softmax } from "@backprop/activations";
import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { backpropBatch } from "../backprop";
import { Network } from "../network";
import { checkLayerGradients, checkLayerNetworkGradients } from "./check-layer-gradients";
import { conv2d } from "./conv2d";
import { dense } from "./dense";
import { type DropoutLayer, dropout } from "./dropout";
import { flatten } from "./flatten";
import { LayerNetwork } from "./layer-network";
import { maxPool } from "./max-pool";

function random(rows: number, cols: number, rng: Rng): Matrix {
  const m = Matrix.zeros(rows, cols);
  rng.fillNormal(m.data);
  return m;
}

function oneHot(labels: number[], classes: number): Matrix {
  const y = Matrix.zeros(classes, labels.length);
  labels.forEach((label, j) => {
    y.data[label * labels.length + j] = 1;
  });
  return y;
}

/** conv → maxPool → flatten → dense sigmoid → dense softmax, network3's shape in miniature. */
function smallConvNet(rng: Rng, withDropout = false): LayerNetwork {
  const conv = conv2d({
    inputShape: { channels: 2, height: 8, width: 8 },
    filters: 3,
    kernelSize: 3,
    padding: "same",
    activation: "tanh",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const n = flat.outputShape.channels;
  const drop = dropout({ inputShape: flat.outputShape, rate: 0.5, mode: "inverted", rng });
  return new LayerNetwork({
    layers: [
      conv,
      pool,
      flat,
      ...(withDropout ? [drop] : []),
      dense({ inputs: n, outputs: 6, activation: sigmoid, init: "scaled", rng }),
      dense({ inputs: 6, outputs: 4, activation: softmax, init: "scaled", rng }),
    ],
    cost: logLikelihood,
  });
}

describe("LayerNetwork", () => {
  it("conv → maxPool → flatten → dense sigmoid → dense softmax: backprop equals finite differences", () => {
    const rng = new Rng(11);
    const network = smallConvNet(rng);
    const x = random(128, 3, rng);
    const y = oneHot([0, 3, 1], 4);
    const report = checkLayerNetworkGradients(network, x, y);
    expect(report.checked).toBe(3 * 18 + 3 + 48 * 6 + 6 + 6 * 4 + 4);
    expect(report.worst.error).toBeLessThan(1e-6);
    expect(report.ok).toBe(true);
  });

  it("with dropout (a pinned mask) too", () => {
    const rng = new Rng(12);
    const network = smallConvNet(rng, true);
    const drop = network.layers[3] as DropoutLayer;
    expect(drop.kind).toBe("dropout");
    const mask = Matrix.fromFlat(
      48,
      2,
      Array.from({ length: 96 }, (_, i) => (i % 3 === 0 ? 0 : 1)),
    );
    drop.fixMask(mask);
    const report = checkLayerNetworkGradients(network, random(128, 2, rng), oneHot([2, 0], 4));
    expect(report.ok).toBe(true);
  });

  it("a gradient check fails when the output layer's BP1 is wrong (the check can fail)", () => {
    const rng = new Rng(13);
    const network = smallConvNet(rng);
    // BP1 off by 1%: every gradient below inherits the error, and the check must see it.
    const wrong = new LayerNetwork({
      layers: network.layers,
      cost: {
        ...logLikelihood,
        delta(z, a, y, activation, out, scratch) {
          logLikelihood.delta(z, a, y, activation, out, scratch);
          for (let i = 0; i < out.data.length; i++) out.data[i] *= 1.01;
        },
      },
    });
    const report = checkLayerNetworkGradients(wrong, random(128, 2, rng), oneHot([2, 0], 4));
    expect(report.ok).toBe(false);
  });

  // 784 → 30 holds 23,550 parameters: its layer keeps them in a parameter arena, where the
  // SGD step runs in WebAssembly (linalg's parameterMatrices), with the same bits.
  it.each([[[20, 10, 5]], [[784, 30, 10]]])(
    "dense sigmoid layers %j with the quadratic cost train exactly as the seed's Network",
    (sizes) => {
      const seedNet = new Network({ sizes, seed: 3 });
      const rng = new Rng(0);
      const layers = sizes
        .slice(1)
        .map((n, l) => dense({ inputs: sizes[l], outputs: n, activation: "sigmoid", rng }));
      layers.forEach((layer, l) => {
        layer.parameters[0].data.set(seedNet.weights[l].data);
        layer.parameters[1].data.set(seedNet.biases[l].data);
      });
      const [w] = layers[0].parameters;
      expect(w.data.buffer === layers[0].gradients[0].data.buffer).toBe(sizes[0] === 784);
      const network = new LayerNetwork({ layers }); // quadratic, the seed's
      const eta = 3;
      for (let step = 0; step < 6; step++) {
        const x = random(sizes[0], 4, rng);
        rng.fillUniform(x.data);
        const y = oneHot([step % 5, (step + 1) % 5, 2, 4], sizes[2]);
        // the seed's update_mini_batch: nabla summed over the batch, then w ← w − (η/m)·nabla_w
        const nabla = backpropBatch(seedNet, x, y);
        for (let l = 0; l < 2; l++) {
          const w = seedNet.weights[l].data;
          const b = seedNet.biases[l].data;
          for (let i = 0; i < w.length; i++) w[i] -= (eta / 4) * nabla.nablaW[l].data[i];
          for (let i = 0; i < b.length; i++) b[i] -= (eta / 4) * nabla.nablaB[l].data[i];
        }
        network.updateMiniBatch(x, y, eta);
      }
      for (let l = 0; l < 2; l++) {
        // The same kernels in the same order: equal to the last bit (the issue asks for 1e-12).
        expect(Array.from(layers[l].parameters[0].data)).toEqual(
          Array.from(seedNet.weights[l].data),
        );
        expect(Array.from(layers[l].parameters[1].data)).toEqual(
          Array.from(seedNet.biases[l].data),
        );
      }
      const x = random(sizes[0], 7, rng);
      const labels = [0, 1, 2, 3, 4, 0, 1];
      expect(network.evaluate(x, labels)).toBe(seedNet.evaluate(x, labels));
      expect(network.totalCost(x, oneHot(labels, sizes[2]))).toBe(
        seedNet.totalCost(x, oneHot(labels, sizes[2])),
      );
    },
  );

  it("sgdStep moves every parameter by −rate·its gradient, the conv layer's too", () => {
    const rng = new Rng(8);
    const network = smallConvNet(rng);
    const gradients = network.layers.map((layer) =>
      layer.parameters.map((p) => random(p.rows, p.cols, rng)),
    );
    const before = network.layers.map((layer) => layer.parameters.map((p) => p.data.slice()));
    network.sgdStep(gradients, 0.25);
    network.layers.forEach((layer, l) => {
      layer.parameters.forEach((p, k) => {
        const expected = before[l][k].map((v, i) => v - 0.25 * gradients[l][k].data[i]);
        expect(Array.from(p.data)).toEqual(Array.from(expected));
      });
    });
    expect(before.flat().length).toBe(6); // conv, dense, dense: [w, b] each
    // (These layers are small, so their steps run the JS loop; the 784-30-10 test above
    // runs a layer in its parameter arena through updateMiniBatch, which calls sgdStep.)
    expect(() => network.sgdStep(gradients.slice(1), 0.25)).toThrow(
      "sgdStep: expected one gradient per parameter, by layer [2, 0, 0, 2, 2]; got [0, 0, 2, 2]: pass what backprop returned",
    );
  });

  it("refuses layers whose shapes do not meet, naming both and the fix", () => {
    const rng = new Rng(0);
    const conv = conv2d({
      inputShape: { channels: 1, height: 6, width: 6 },
      filters: 2,
      kernelSize: 3,
      activation: "relu",
      rng,
    });
    expect(
      () =>
        new LayerNetwork({
          layers: [conv, dense({ inputs: 32, outputs: 2, activation: "sigmoid", rng })],
        }),
    ).toThrow(/gives 2×4×4 but layer 1 \(dense\) takes 32×1×1; put a flatten/);
    const net = new LayerNetwork({
      layers: [dense({ inputs: 3, outputs: 2, activation: "sigmoid", rng })],
    });
    expect(() => net.backprop(Matrix.zeros(3, 2), Matrix.zeros(2, 3))).toThrow(/pass a 2×2 matrix/);
    expect(() => net.feedforward(Matrix.zeros(4, 1))).toThrow(/pass a 3×m matrix/);
  });
});

describe("dense and flatten against finite differences", () => {
  it.each(["sigmoid", "tanh", "softplus", "softmax"])("dense with %s", (activation) => {
    const layer = dense({ inputs: 7, outputs: 5, activation, rng: new Rng(2) });
    const report = checkLayerGradients(layer, { samples: 3, seed: 1 });
    expect(report.checked).toBe(7 * 3 + 35 + 5);
    expect(report.ok).toBe(true);
  });

  it("flatten", () => {
    const report = checkLayerGradients(
      flatten({ inputShape: { channels: 2, height: 3, width: 2 } }),
    );
    expect(report.checked).toBe(24);
    expect(report.ok).toBe(true);
  });
});
