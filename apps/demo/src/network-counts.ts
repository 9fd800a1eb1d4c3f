/**
 * The article's argument on the network the page trains: multiplications for one sample
 *
 *   forward    Σₗ nₗ·nₗ₋₁                 (wˡaˡ⁻¹ for every layer)
 *   backprop   Σₗ nₗ·nₗ₋₁ + Σ_hidden (nₗ₊₁·nₗ + nₗ)   (BP4 for every layer; BP2 below the top)
 *   expansion  every ∂C/∂wˡⱼₖ recomputing δˡⱼ through every path above (no memo)
 *
 * by the library's formulas (`backpropMultiplications`, `expansionMultiplications`), which
 * chain-rule-count.ts checks against real runs on small networks. For 784-30-10 that is
 * 23,820, 24,150 and 282,870; each extra hidden layer multiplies the expansion by about
 * its width, while backprop grows by one more layer's products.
 */
import { backpropMultiplications, expansionMultiplications } from "@backprop/network";

export interface NetworkCount {
  sizes: number[];
  /** Hidden layers of this network. */
  hiddenLayers: number;
  forward: number;
  backprop: number;
  expansion: number;
}

export function forwardMultiplications(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l] * sizes[l - 1];
  return count;
}

export function countNetwork(sizes: readonly number[]): NetworkCount {
  return {
    sizes: [...sizes],
    hiddenLayers: sizes.length - 2,
    forward: forwardMultiplications(sizes),
    backprop: backpropMultiplications(sizes),
    expansion: expansionMultiplications(sizes),
  };
}

/**
 * `sizes` and the same network with 1 … `extra` more hidden layers, each as wide as its
 * last hidden layer (or as its output layer when it has none), added just below the output.
 */
export function deeperNetworks(sizes: readonly number[], extra = 3): number[][] {
  const width = sizes.length > 2 ? sizes[sizes.length - 2] : sizes[sizes.length - 1];
  return Array.from({ length: extra + 1 }, (_, k) => [
    ...sizes.slice(0, -1),
    ...Array.from({ length: k }, () => width),
    sizes[sizes.length - 1],
  ]);
}
