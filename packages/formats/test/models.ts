import { type Activation, defineActivation } from "@backprop/activations";
import { type DType, Matrix, Rng } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import {
  avgPool,
  backpropBatch,
  conv2d,
  dense,
  dropout,
  flatten,
  type Layer,
  LayerNetwork,
  maxPool,
  Network,
} from "@backprop/network";

/**
 * The models the format tests write and read: every layer kind, every built-in activation,
 * each padding form, both dropout modes, both dtypes, both network classes.
 */

/** A conv net for 1×28×28 MNIST images: conv 5×5 (relu) → maxPool 2 → flatten → dense 10 (softmax). */
export function mnistConvNet(dtype: DType, seed = 1): LayerNetwork {
  const rng = new Rng(seed);
  const c = conv2d({
    inputShape: { channels: 1, height: 28, width: 28 },
    filters: 4,
    kernelSize: 5,
    stride: 1,
    activation: "relu",
    rng,
    dtype,
  });
  const p = maxPool({ inputShape: c.outputShape, size: 2 });
  const f = flatten({ inputShape: p.outputShape });
  const d = dense({
    inputs: f.outputShape.channels,
    outputs: 10,
    activation: "softmax",
    init: "xavier",
    rng,
    dtype,
  });
  return new LayerNetwork({ layers: [c, p, f, d], cost: "logLikelihood" });
}

/** The seed's kind of MNIST network: 784 → 30 (sigmoid) → 10 (sigmoid). */
export function mnistMlp(dtype: DType, seed = 2): Network {
  return new Network({ sizes: [784, 30, 10], init: "scaled", seed, dtype });
}

/**
 * A small network with every layer kind and every built-in activation: conv ("same", stride 2,
 * tanh) → avgPool → conv (padding 1, leakyRelu(0.2)) → maxPool → dropout inverted → conv
 * (valid, softplus) → flatten → dense (sigmoid) → dropout scale-at-test → dense (relu) →
 * dense (identity) → dense (softmax).
 */
export function everyLayerNet(dtype: DType, seed = 3): LayerNetwork {
  const rng = new Rng(seed);
  const layers: Layer[] = [];
  const add = (layer: Layer) => {
    layers.push(layer);
    return layer.outputShape;
  };
  let shape = add(
    conv2d({
      inputShape: { channels: 2, height: 11, width: 11 },
      filters: 3,
      kernelSize: 3,
      stride: 2,
      padding: "same",
      activation: "tanh",
      rng,
      dtype,
    }),
  );
  shape = add(avgPool({ inputShape: shape, size: 2, stride: 1 }));
  shape = add(
    conv2d({
      inputShape: shape,
      filters: 4,
      kernelSize: 2,
      padding: 1,
      activation: "leakyRelu(0.2)",
      rng,
      dtype,
    }),
  );
  shape = add(maxPool({ inputShape: shape, size: 2 }));
  shape = add(dropout({ inputShape: shape, rate: 0.25, mode: "inverted", rng }));
  shape = add(
    conv2d({ inputShape: shape, filters: 3, kernelSize: 2, activation: "softplus", rng, dtype }),
  );
  shape = add(flatten({ inputShape: shape }));
  const n = shape.channels;
  shape = add(dense({ inputs: n, outputs: 7, activation: "sigmoid", rng, dtype }));
  shape = add(dropout({ inputShape: shape, rate: 0.1, mode: "scale-at-test", rng }));
  shape = add(dense({ inputs: 7, outputs: 6, activation: "relu", rng, dtype }));
  shape = add(dense({ inputs: 6, outputs: 5, activation: "identity", rng, dtype }));
  add(dense({ inputs: 5, outputs: 4, activation: "softmax", rng, dtype }));
  return new LayerNetwork({ layers, cost: "logLikelihood" });
}

/** swish(z) = z·sigmoid(z): a user's own activation, which no format knows by name. */
export const swish: Activation = defineActivation({
  name: "swish",
  fn(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = z[i] / (1 + Math.exp(-z[i]));
  },
  derivative(z, out) {
    for (let i = 0; i < z.length; i++) {
      const s = 1 / (1 + Math.exp(-z[i]));
      out[i] = s + z[i] * s * (1 - s);
    }
  },
});

/** `count` random samples of `rows` numbers in [0, 1), one per column. */
export function randomBatch(rows: number, count: number, dtype: DType, seed = 9): Matrix {
  const rng = new Rng(seed);
  return Matrix.fromFlat(
    rows,
    count,
    Array.from({ length: rows * count }, () => rng.uniform()),
    dtype,
  );
}

/** The first `count` MNIST test images (784 × count, pixels in [0, 1]) and their labels. */
export async function mnistTestImages(
  count: number,
  dtype: DType,
): Promise<{ x: Matrix; labels: Uint8Array }> {
  const { test } = await loadMnist();
  const x = Matrix.zeros(784, count, dtype);
  for (let s = 0; s < count; s++)
    for (let i = 0; i < 784; i++) x.data[i * count + s] = test.inputs[s * 784 + i] / 255;
  return { x, labels: Uint8Array.from(test.labels.subarray(0, count)) };
}

/**
 * A few hundred SGD steps on MNIST training images, so the runtime tests compare a model
 * that predicts digits (near-ties between classes are rare) rather than random weights.
 */
export async function trainBriefly(
  network: Network | LayerNetwork,
  steps = 60,
  batch = 20,
): Promise<void> {
  const { training } = await loadMnist();
  const dtype = network.dtype;
  for (let step = 0; step < steps; step++) {
    const x = Matrix.zeros(784, batch, dtype);
    const y = Matrix.zeros(10, batch, dtype);
    for (let s = 0; s < batch; s++) {
      const k = step * batch + s;
      for (let i = 0; i < 784; i++) x.data[i * batch + s] = training.inputs[k * 784 + i] / 255;
      y.data[training.labels[k] * batch + s] = 1;
    }
    if (network instanceof LayerNetwork) {
      network.updateMiniBatch(x, y, 0.1);
    } else {
      const { nablaW, nablaB } = backpropBatch(network, x, y);
      network.weights.forEach((w, l) => {
        for (let i = 0; i < w.data.length; i++) w.data[i] -= (3 / batch) * nablaW[l].data[i];
        const b = network.biases[l].data;
        for (let i = 0; i < b.length; i++) b[i] -= (3 / batch) * nablaB[l].data[i];
      });
    }
  }
}

/** Every parameter of a network, in order, as one list of typed arrays. */
export function parametersOf(network: Network | LayerNetwork): ArrayLike<number>[] {
  if (network instanceof Network)
    return network.weights.flatMap((w, l) => [w.data, network.biases[l].data]);
  return network.layers.flatMap((layer) => layer.parameters.map((p) => p.data));
}

/** A conv2d with softmax as the output: ours normalises each whole C×H×W sample. */
export function convSoftmaxNet(dtype: DType, seed = 6): LayerNetwork {
  const rng = new Rng(seed);
  const inputShape = { channels: 2, height: 5, width: 5 };
  return new LayerNetwork({
    layers: [conv2d({ inputShape, filters: 3, kernelSize: 3, activation: "softmax", rng, dtype })],
  });
}
