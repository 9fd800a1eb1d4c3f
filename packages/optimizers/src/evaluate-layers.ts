import { type LabelledSamples, batches as makeBatches } from "@backprop/linalg";
import type { LayerNetwork } from "@backprop/network";
import type { Evaluation } from "./evaluate-data";

/**
 * Samples per forward pass when evaluating. The network keeps one set of buffers per batch
 * size, and the kernels' memory grows to the largest product and stays, so this size sets
 * how much memory evaluation adds for the rest of the run: a convolution's patches take
 * (C·k·k) × (H′·W′·chunk) numbers. Measured on network3's conv2-dropout net in float64
 * (CPU time per 10,000 test images, 3 passes each, twice): chunks of 100 took 6.0–6.7 s
 * and added 83 MB resident, chunks of 32 took 6.1–6.4 s and added 22–25 MB, chunks of 10
 * 6.4–7.0 s. Beyond 32 the products gain nothing.
 */
const CHUNK = 32;

/**
 * Accuracy and mean cost of a LayerNetwork on a data set, dropout off, in chunks of 32
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
