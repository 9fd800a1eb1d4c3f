import { argmaxColumns, Matrix } from "@backprop/linalg";

/**
 * What {@link Network.predict} says about one sample: the seed's `argmax` of the output
 * layer, and the output layer's activations aᴸ that it was taken from.
 */
export interface Prediction {
  /**
   * The predicted class: the index of the largest output activation (the first on ties,
   * as numpy's argmax and the seed's `evaluate`). For MNIST, the digit.
   */
  label: number;
  /**
   * The output layer's activations aᴸ for this sample, one per output neuron (a copy, in
   * float64 whatever the network's dtype). Read them by the output activation:
   * - softmax: probabilities, each in [0, 1], summing to 1;
   * - sigmoid (the seed's): each in (0, 1), one independent score per class; they do not
   *   sum to 1 and are not normalised here (divide by their sum for shares that do);
   * - anything else (identity, tanh, relu, yours): the raw aᴸ.
   */
  outputs: Float64Array;
}

/** One Prediction per column of the output activations aᴸ (sizes[L]×m → m predictions). */
export function predictionsOf(output: Matrix): Prediction[] {
  const labels = argmaxColumns(output);
  const { rows, cols, data } = output;
  const predictions: Prediction[] = [];
  for (let j = 0; j < cols; j++) {
    const outputs = new Float64Array(rows);
    for (let i = 0; i < rows; i++) outputs[i] = data[i * cols + j];
    predictions.push({ label: labels[j], outputs });
  }
  return predictions;
}

/** Whether x is a Matrix (by shape, so a Matrix from another copy of linalg counts too). */
export function isMatrix(x: unknown): x is Matrix {
  return (
    x instanceof Matrix ||
    (typeof x === "object" &&
      x !== null &&
      typeof (x as Matrix).rows === "number" &&
      typeof (x as Matrix).cols === "number" &&
      ArrayBuffer.isView((x as Matrix).data))
  );
}
