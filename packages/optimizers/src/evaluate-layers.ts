import { type LabelledSamples, batches as makeBatches } from "@backprop/linalg";
import type { LayerNetwork } from "@backprop/network";
import type { Evaluation } from "./evaluate-data";

/**
 * Samples per forward pass when evaluating. A convolution's patches take (C·k·k) × (H′·W′·chunk)
 * numbers: 500 × 64 × 100 = 3.2 M for network3's second conv layer, which keeps its
 * products within the WebAssembly kernels' arena (WASM_GEMM_MAX_VALUES) and evaluation's
 * memory small.
 */
const CHUNK = 100;

/**
 * Accuracy and mean cost of a LayerNetwork on a data set, dropout off, in chunks of 100
 * samples; with λ, plus network2's ½(λ/n)Σ‖w‖² over the decayed weights (n: this set's size).
 * With `confusion`, also confusion[true class][predicted class] (as evaluateData), counted
 * from the same forward pass.
 */
export function evaluateLayers(
  network: LayerNetwork,
  data: LabelledSamples,
  lambda = 0,
  options: { confusion?: boolean } = {},
): Evaluation {
  let correct = 0;
  let cost = 0;
  const total = data.length;
  const last = network.layers[network.layers.length - 1];
  const { channels, height, width } = last.outputShape;
  const classes = channels * height * width;
  const confusion = options.confusion
    ? Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
    : undefined;
  if (total === 0)
    return { correct: 0, total: 0, accuracy: 0, cost: 0, ...(confusion ? { confusion } : {}) };
  const chunks = makeBatches(data, {
    batchSize: Math.min(CHUNK, total),
    layout: "dense",
    dtype: network.dtype,
  });
  const predicted = new Int32Array(Math.min(CHUNK, total));
  for (const { inputs, targets, labels, size } of chunks) {
    const measured = network.measure(inputs, targets, labels, { predicted });
    cost += measured.cost;
    correct += measured.correct; // argmax first on ties, as the seed's
    if (confusion) for (let j = 0; j < size; j++) confusion[labels[j]][predicted[j]]++;
  }
  cost /= total;
  if (lambda !== 0) {
    let squares = 0;
    for (const layer of network.layers) {
      if (layer.parameters.length === 0) continue;
      for (const w of layer.parameters[0].data) squares += w * w;
    }
    cost += 0.5 * (lambda / total) * squares;
  }
  return {
    correct,
    total,
    accuracy: correct / total,
    cost,
    ...(confusion ? { confusion } : {}),
  };
}
