import { Matrix } from "@backprop/linalg";

/** ∂C/∂b and ∂C/∂w for every layer, shaped like the network's biases and weights (the seed's nabla_b, nabla_w). */
export interface Gradients {
  nablaB: Matrix[];
  nablaW: Matrix[];
}

/** Zeroed gradients shaped like `network`'s parameters. */
export function zeroGradients(network: { biases: Matrix[]; weights: Matrix[] }): Gradients {
  return {
    nablaB: network.biases.map((b) => Matrix.zeros(b.rows, b.cols, b.dtype)),
    nablaW: network.weights.map((w) => Matrix.zeros(w.rows, w.cols, w.dtype)),
  };
}
