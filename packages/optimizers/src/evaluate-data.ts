import {
  argmaxColumnsInto,
  type LabelledSamples,
  type Matrix,
  batches as makeBatches,
} from "@backprop/linalg";
import type { Network } from "@backprop/network";

/** What {@link evaluateData} measured on a data set, in one pass. */
export interface Evaluation {
  /** Samples whose largest output is their label (the seed's `evaluate`). */
  correct: number;
  /** Samples evaluated: the data set's length. */
  total: number;
  /** correct / total. */
  accuracy: number;
  /** The mean cost, plus network2's ½(λ/n)Σ‖w‖² when λ is given. */
  cost: number;
  /** confusion[true class][predicted class], when asked for. */
  confusion?: number[][];
}

const CHUNK = 1000;

/** The data set in order, 1,000 samples (columns) at a time, as dense matrices. */
export function chunksOf(network: Network, data: LabelledSamples) {
  return makeBatches(data, {
    batchSize: Math.min(CHUNK, Math.max(1, data.length)),
    dtype: network.dtype,
    layout: "dense",
  });
}

/** Σ over the columns of C(a, y), from the output layer's z too (finite where an output saturated: see Cost.fn). */
export function sumOfCosts(
  network: Network,
  zs: Matrix[],
  activations: Matrix[],
  y: Matrix,
): number {
  const L = zs.length;
  return network.cost.fn(activations[L - 1], y, zs[L - 1], network.activations[L - 1]);
}

/**
 * Accuracy and cost of `network` on a whole data set, in one pass; with `confusion`, also
 * confusion[true class][predicted class], how the mistakes are distributed.
 */
export function evaluateData(
  network: Network,
  data: LabelledSamples,
  lambda = 0,
  options: { confusion?: boolean } = {},
): Evaluation {
  let correct = 0;
  let cost = 0;
  const classes = network.sizes[network.sizes.length - 1];
  const confusion = options.confusion
    ? Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
    : undefined;
  const buffer = new Int32Array(CHUNK);
  for (const { inputs, targets, labels, size } of chunksOf(network, data)) {
    const { zs, activations } = network.forwardPass(inputs);
    cost += sumOfCosts(network, zs, activations, targets);
    const predicted = buffer.subarray(0, size);
    argmaxColumnsInto(predicted, activations[activations.length - 1]); // first on ties
    for (let j = 0; j < size; j++) {
      if (predicted[j] === labels[j]) correct++;
      if (confusion) confusion[labels[j]][predicted[j]]++;
    }
  }
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
