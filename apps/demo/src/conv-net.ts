/**
 * The demo's small convolutional net for MNIST (the book's chapter 6, smaller):
 *
 *   x 1×28×28 → conv 8 filters 5×5, ReLU → a 8×24×24 → max pool 2×2 → 8×12×12
 *             → flatten 1152 → dense 10, softmax; cost: log-likelihood (δᴸ = a − y)
 *
 * (8 filters of 5×5 where network3 has 20: the pictures stay readable and it trains fast.)
 *
 * and the live pictures of it: its filters and one test digit's feature maps, computed by
 * the layers' own forward passes (no other formula), so what the page draws is what trains.
 */
import { type Matrix, Rng } from "@backprop/linalg";
import { type Conv2dLayer, conv2d, dense, flatten, LayerNetwork, maxPool } from "@backprop/network";
import type { ConvPrediction, ConvSnapshot } from "./protocol";

export const CONV = {
  filters: 8,
  kernel: 5,
  /** 28 − 5 + 1: each feature map's side after the convolution ("valid": no padding). */
  mapSide: 24,
  pool: 2,
  /** 24 / 2. */
  pooledSide: 12,
  classes: 10,
  /** What the controls switch to for this net (network3 trained with η 0.1 on mini-batches of 10). */
  eta: 0.1,
  batchSize: 10,
} as const;

/**
 * A fresh conv net; `seed` draws its initial weights. The ReLU conv layer starts "he"
 * (N(0, 2/25) weights, zero biases): with "scaled"'s N(0, 1) biases about half the filters
 * started (and stayed) dead, all-zero maps, on the demo's seed 0. The softmax layer: "scaled".
 */
export function makeConvNet(seed: number): LayerNetwork {
  const rng = new Rng(seed);
  const conv = conv2d({
    inputShape: { channels: 1, height: 28, width: 28 },
    filters: CONV.filters,
    kernelSize: CONV.kernel,
    activation: "relu",
    init: "he",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: CONV.pool });
  const flat = flatten({ inputShape: pool.outputShape });
  const inputs = CONV.filters * CONV.pooledSide * CONV.pooledSide;
  const out = dense({ inputs, outputs: CONV.classes, activation: "softmax", init: "scaled", rng });
  return new LayerNetwork({ layers: [conv, pool, flat, out], cost: "logLikelihood" });
}

/** The conv layer of a net made by makeConvNet. */
export function convLayer(network: LayerNetwork): Conv2dLayer {
  return network.layers[0] as Conv2dLayer;
}

/**
 * The filters (F × k·k, one row per filter) and, for one sample x (784 × 1), the conv
 * layer's a (F·24·24, channel-major) and the pool's output (F·12·12), each a copy: the
 * layers refill their buffers on their next call.
 */
export function convSnapshotOf(network: LayerNetwork, x: Matrix, index: number): ConvSnapshot {
  const [conv, pool] = network.layers;
  const maps = conv.forward(x, false);
  const pooled = pool.forward(maps, false);
  return {
    index,
    input: Float64Array.from(x.data),
    filters: Float64Array.from(conv.parameters[0].data),
    biases: Float64Array.from(conv.parameters[1].data),
    maps: Float64Array.from(maps.data),
    pooled: Float64Array.from(pooled.data),
  };
}

/**
 * The net's answer for one input x (784 × 1) and the maps it made on the way, from one
 * walk through the layers' own forward (what `LayerNetwork.feedforward` does, so the answer
 * is feedforward's, bit for bit), each a copy: the layers refill their buffers.
 */
export function convPredictionOf(network: LayerNetwork, x: Matrix): ConvPrediction {
  const [conv, pool, ...rest] = network.layers;
  const maps = conv.forward(x, false);
  const pooled = pool.forward(maps, false);
  const copies = { maps: Float64Array.from(maps.data), pooled: Float64Array.from(pooled.data) };
  let a = pooled;
  for (const layer of rest) a = layer.forward(a, false);
  return { input: Float64Array.from(x.data), output: Float64Array.from(a.data), ...copies };
}
