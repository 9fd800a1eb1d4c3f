import { type ClassificationData, batches as makeBatches } from "@backprop/datasets";
import { argmaxColumnsInto } from "@backprop/linalg";
import type { Network } from "@backprop/network";

export interface Evaluation {
  /** Samples whose largest output is their label (the seed's `evaluate`). */
  correct: number;
  total: number;
  /** correct / total. */
  accuracy: number;
  /** The mean cost, plus network2's ½(λ/n)Σ‖w‖² when λ is given. */
  cost: number;
}

const CHUNK = 1000;

/** Accuracy and cost of `network` on a whole data set, a chunk of 1,000 samples at a time. */
export function evaluateData(network: Network, data: ClassificationData, lambda = 0): Evaluation {
  let correct = 0;
  let cost = 0;
  const predicted = new Int32Array(CHUNK);
  for (const batch of makeBatches(data, {
    batchSize: Math.min(CHUNK, Math.max(1, data.length)),
    dtype: network.dtype,
    layout: "dense",
  })) {
    const output = network.feedforward(batch.inputs);
    cost += network.cost.fn(output, batch.targets);
    const columns = predicted.subarray(0, batch.size);
    argmaxColumnsInto(columns, output);
    for (let j = 0; j < batch.size; j++) if (columns[j] === batch.labels[j]) correct++;
  }
  const total = data.length;
  if (total > 0) cost /= total;
  if (lambda !== 0 && total > 0) cost += 0.5 * (lambda / total) * network.sumOfSquaredWeights();
  return { correct, total, accuracy: total === 0 ? 0 : correct / total, cost };
}
