import type { FloatArray, Rng } from "@backprop/linalg";

/**
 * How a layer's weights w (nOut × nIn) and biases b (nOut × 1) start:
 * - "standard": the seed's N(0, 1) for both.
 * - "scaled":   network2.py's N(0, 1/nIn) for weights, N(0, 1) for biases, so z starts
 *               small and sigmoids do not saturate.
 * - "xavier":   Glorot normal N(0, 2/(nIn + nOut)) weights, zero biases (tanh, sigmoid).
 * - "he":       N(0, 2/nIn) weights, zero biases (relu family).
 */
export type Initializer = "standard" | "scaled" | "xavier" | "he";

/** Every Initializer name, for validating options and listing them in messages. */
export const INITIALIZERS: readonly Initializer[] = ["standard", "scaled", "xavier", "he"];

/** Standard deviation of the weights of a layer with nIn inputs and nOut neurons. */
function weightStd(init: Initializer, nIn: number, nOut: number): number {
  switch (init) {
    case "standard":
      return 1;
    case "scaled":
      return 1 / Math.sqrt(nIn);
    case "xavier":
      return Math.sqrt(2 / (nIn + nOut));
    case "he":
      return Math.sqrt(2 / nIn);
  }
}

/**
 * Fills every layer's biases, then every layer's weights (the seed's order: it draws
 * `biases` before `weights`), from the seeded generator.
 */
export function initializeParameters(
  init: Initializer,
  sizes: readonly number[],
  biases: FloatArray[],
  weights: FloatArray[],
  rng: Rng,
): void {
  const gaussianBiases = init === "standard" || init === "scaled";
  for (const b of biases) {
    if (gaussianBiases) rng.fillNormal(b);
    else b.fill(0);
  }
  for (let l = 0; l < weights.length; l++) {
    rng.fillNormal(weights[l], 0, weightStd(init, sizes[l], sizes[l + 1]));
  }
}
