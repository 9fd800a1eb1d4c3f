import type { ParameterBlock } from "@backprop/linalg";

export type Regularization = "l2" | "l1";

/**
 * Weight decay before each update, on weights only (never biases), with λ scaled by the
 * training set's size n as in network2.py:
 *   L2: w ← (1 − ηλ/n)·w            (network2's update is this, then w − (η/m)Σ∇w)
 *   L1: w ← w − (ηλ/n)·sgn(w)
 * Applied before the optimizer's step this is exactly network2's rule for plain SGD, and
 * the decoupled decay of AdamW for Adam. Both are element-wise, so they run on a block's
 * values in whatever layout it keeps (padding is 0, and stays 0).
 */
export function decayWeights(
  weights: readonly ParameterBlock[],
  kind: Regularization,
  eta: number,
  lambda: number,
  n: number,
): void {
  if (lambda === 0) return;
  if (kind === "l2") {
    const factor = 1 - eta * (lambda / n);
    for (const w of weights) w.scale(factor);
  } else {
    const step = eta * (lambda / n);
    for (const { values: w } of weights)
      for (let i = 0; i < w.length; i++) w[i] -= step * Math.sign(w[i]);
  }
}
