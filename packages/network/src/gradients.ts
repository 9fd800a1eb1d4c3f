import { Matrix } from "@backprop/linalg";

/** ∂C/∂b and ∂C/∂w for every layer, shaped like the network's biases and weights (the seed's nabla_b, nabla_w). */
export interface Gradients {
  /** nablaB[l] = ∂C/∂bˡ⁺¹ = δˡ⁺¹ (BP3), sizes[l+1] × 1. */
  nablaB: Matrix[];
  /** nablaW[l] = ∂C/∂wˡ⁺¹ = δˡ⁺¹(aˡ)ᵀ (BP4), sizes[l+1] × sizes[l]. */
  nablaW: Matrix[];
}

/** Zeroed gradients shaped like `network`'s parameters. */
export function zeroGradients(network: { biases: Matrix[]; weights: Matrix[] }): Gradients {
  return {
    nablaB: network.biases.map((b) => Matrix.zeros(b.rows, b.cols, b.dtype)),
    nablaW: network.weights.map((w) => Matrix.zeros(w.rows, w.cols, w.dtype)),
  };
}
