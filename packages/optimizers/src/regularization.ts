import { type Matrix, SimdArena } from "@backprop/linalg";

export type Regularization = "l2" | "l1";

/**
 * Weight decay before each update, on weights only (never biases), with λ scaled by the
 * training set's size n as in network2.py:
 *   L2: w ← (1 − ηλ/n)·w            (network2's update is this, then w − (η/m)Σ∇w)
 *   L1: w ← w − (ηλ/n)·sgn(w)
 * Applied before the optimizer's step this is exactly network2's rule for plain SGD, and
 * the decoupled decay of AdamW for Adam.
 */
export function decayWeights(
  weights: readonly Matrix[],
  kind: Regularization,
  eta: number,
  lambda: number,
  n: number,
): void {
  if (lambda === 0) return;
  if (kind === "l2") {
    const factor = 1 - eta * (lambda / n);
    for (const w of weights) {
      // The SIMD first layer's w¹ (78k values for 784-100-10, every batch) in WebAssembly.
      const arena = SimdArena.holding(w.data, w.data);
      if (arena) arena.scale(w.data, factor);
      else for (let i = 0; i < w.data.length; i++) w.data[i] = factor * w.data[i];
    }
  } else {
    const step = eta * (lambda / n);
    for (const w of weights)
      for (let i = 0; i < w.data.length; i++) w.data[i] -= step * Math.sign(w.data[i]);
  }
}
