/**
 * Your own layer in a convolutional network: a learnable scale and shift per feature map,
 * out[c, y, x] = γ[c]·in[c, y, x] + β[c] (batch normalisation's affine half). A layer is an
 * object with forward and backward: forward keeps what backward needs (the memo), and
 * backward turns δ of its output into δ of its input, filling its parameters' gradients:
 *
 *   ∂C/∂γ[c] = Σ over positions and samples of δ·in     ∂C/∂β[c] = Σ δ
 *   ∂C/∂in   = γ[c]·δ                                    (what the layer below receives)
 *
 * It is checked against finite differences with the tool that checks the built-in layers,
 * then trained between a pooling layer and a dense one on 2,000 MNIST images.
 *
 *   node --import tsx examples/custom-layer.ts
 */
import { Matrix, Rng } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import {
  checkLayerGradients,
  conv2d,
  dense,
  flatten,
  type Layer,
  LayerNetwork,
  maxPool,
  type Shape3,
} from "@backprop/network";
import { evaluateLayers, trainLayers } from "@backprop/optimizers";

function channelAffine(inputShape: Shape3): Layer {
  const { channels: C, height: H, width: W } = inputShape;
  const area = H * W; // rows per channel; a batch is (C·H·W) × m, one sample per column
  const gamma = Matrix.fromFlat(C, 1, new Array(C).fill(1));
  const beta = Matrix.zeros(C, 1);
  const nablaGamma = Matrix.zeros(C, 1);
  const nablaBeta = Matrix.zeros(C, 1);
  let input: Matrix | null = null;
  return {
    kind: "channelAffine",
    inputShape,
    outputShape: inputShape,
    parameters: [gamma, beta],
    gradients: [nablaGamma, nablaBeta],
    forward(x) {
      input = x; // the memo
      const out = Matrix.zeros(x.rows, x.cols);
      const m = x.cols;
      for (let i = 0; i < x.data.length; i++) {
        const c = Math.floor(i / m / area); // the channel of row ⌊i/m⌋
        out.data[i] = gamma.data[c] * x.data[i] + beta.data[c];
      }
      return out;
    },
    backward(delta) {
      if (!input) throw new Error("channelAffine: call forward first");
      nablaGamma.data.fill(0);
      nablaBeta.data.fill(0);
      const deltaIn = Matrix.zeros(delta.rows, delta.cols);
      const m = delta.cols;
      for (let i = 0; i < delta.data.length; i++) {
        const c = Math.floor(i / m / area);
        nablaGamma.data[c] += delta.data[i] * input.data[i];
        nablaBeta.data[c] += delta.data[i];
        deltaIn.data[i] = gamma.data[c] * delta.data[i];
      }
      return deltaIn;
    },
  };
}

// Backward against central differences: every input and parameter entry of a 3×4×4 layer.
const check = checkLayerGradients(channelAffine({ channels: 3, height: 4, width: 4 }), {
  samples: 2,
});
console.log(
  `gradient check: ${check.ok ? "ok" : "FAILED"}, ${check.checked} entries, worst relative error ${check.worst.error.toExponential(1)}`,
);
if (!check.ok) process.exit(1);

// conv 8×5×5 → max-pool 2 → channelAffine → dense softmax, on 2,000 training images.
const rng = new Rng(0);
const input = { channels: 1, height: 28, width: 28 };
const conv = conv2d({ inputShape: input, filters: 8, kernelSize: 5, activation: "relu", rng });
const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
const affine = channelAffine(pool.outputShape);
const flat = flatten({ inputShape: pool.outputShape });
const out = dense({ inputs: 8 * 12 * 12, outputs: 10, activation: "softmax", init: "scaled", rng });
const network = new LayerNetwork({
  layers: [conv, pool, affine, flat, out],
  cost: "logLikelihood",
});

const { training, test } = await loadMnist();
const result = trainLayers(network, training.slice(0, 2000), {
  epochs: 2,
  batchSize: 10,
  eta: 0.1,
  test: test.slice(0, 1000),
});
for (const r of result.history) {
  console.log(`Epoch ${r.epoch}: ${r.test?.correct} / ${r.test?.total}`);
}
const final = evaluateLayers(network, test.slice(0, 1000));
console.log(`test accuracy: ${(100 * final.accuracy).toFixed(2)}%`);
console.log(
  `γ after training: ${Array.from(affine.parameters[0].data, (g) => g.toFixed(3)).join(", ")}`,
);
