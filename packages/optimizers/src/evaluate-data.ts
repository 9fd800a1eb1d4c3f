import { type ClassificationData, batches as makeBatches } from "@backprop/datasets";
import { argmaxColumnsInto, type Matrix } from "@backprop/linalg";
import type { Network } from "@backprop/network";

export interface Evaluation {
  /** Samples whose largest output is their label (the seed's `evaluate`). */
  correct: number;
  total: number;
  /** correct / total. */
  accuracy: number;
  /** The mean cost, plus network2's ½(λ/n)Σ‖w‖² when λ is given. */
  cost: number;
  /** confusion[true class][predicted class], when asked for. */
  confusion?: number[][];
}

const CHUNK = 1000;

/**
 * Feeds the whole data set forward, 1,000 samples at a time, and hands each chunk's output
 * with its targets and the predicted class (argmax, first on ties) of each column.
 */
function forEachChunk(
  network: Network,
  data: ClassificationData,
  visit: (output: Matrix, targets: Matrix, labels: Int32Array, predicted: Int32Array) => void,
): void {
  const predicted = new Int32Array(CHUNK);
  const chunks = makeBatches(data, {
    batchSize: Math.min(CHUNK, Math.max(1, data.length)),
    dtype: network.dtype,
    layout: "dense",
  });
  for (const batch of chunks) {
    const output = network.feedforward(batch.inputs);
    const columns = predicted.subarray(0, batch.size);
    argmaxColumnsInto(columns, output);
    visit(output, batch.targets, batch.labels, columns);
  }
}

/**
 * Accuracy and cost of `network` on a whole data set, in one pass; with `confusion`, also
 * confusion[true class][predicted class], how the mistakes are distributed.
 */
export function evaluateData(
  network: Network,
  data: ClassificationData,
  lambda = 0,
  options: { confusion?: boolean } = {},
): Evaluation {
  let correct = 0;
  let cost = 0;
  const classes = network.sizes[network.sizes.length - 1];
  const confusion = options.confusion
    ? Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
    : undefined;
  forEachChunk(network, data, (output, targets, labels, predicted) => {
    cost += network.cost.fn(output, targets);
    for (let j = 0; j < predicted.length; j++) {
      if (predicted[j] === labels[j]) correct++;
      if (confusion) confusion[labels[j]][predicted[j]]++;
    }
  });
  const total = data.length;
  if (total > 0) cost /= total;
  if (lambda !== 0 && total > 0) cost += 0.5 * (lambda / total) * network.sumOfSquaredWeights();
  return {
    correct,
    total,
    accuracy: total === 0 ? 0 : correct / total,
    cost,
    ...(confusion ? { confusion } : {}),
  };
}
