import type { ParameterBlock } from "@backprop/linalg";

/** Which penalty λ applies to the weights: "l2" (the default, network2.py's (λ/2n)Σw², decaying w by (1 − ηλ/n)) or "l1" ((λ/n)Σ|w|, moving w by (ηλ/n)·sgn(w)). */
export type Regularization = "l2" | "l1";

/**
 * How λ's decay meets the update rule:
 *   "decoupled" (the default): the weights decay before the rule's step (decayWeights):
 *     network2.py's rule for plain SGD, and AdamW / SGDW for Adam and momentum.
 *   "coupled": the decay's gradient, (λ/n)·w for L2 or (λ/n)·sgn(w) for L1, is added to the
 *     mean gradient before the step (addDecayToGradients), so it passes through momentum's
 *     velocity and Adam's moments: PyTorch's `weight_decay` in SGD and Adam.
 * For plain SGD both are w ← w − η(g + (λ/n)w), rounded in a different order.
 */
export type WeightDecay = "decoupled" | "coupled";

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

/**
 * Coupled decay: adds the regulariser's gradient to each weight block's gradient, which
 * holds Σ∇ over the batch (the rules divide by m): Σ∇ + m·(λ/n)·w for L2, or
 * + m·(λ/n)·sgn(w) for L1, so the rule sees the mean gradient g + (λ/n)·w.
 */
export function addDecayToGradients(
  weights: readonly ParameterBlock[],
  kind: Regularization,
  lambda: number,
  n: number,
  batchSize: number,
): void {
  if (lambda === 0) return;
  const c = batchSize * (lambda / n);
  for (const w of weights) w.addDecayToGradient(kind, c);
}
